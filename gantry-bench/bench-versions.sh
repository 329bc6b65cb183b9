#!/usr/bin/env bash
# Times `gantry version` and `gantry changelog --all` on a generated history against the git plumbing they
# need and against git-cliff, in one run. Run from the project root:
#   gantry-bench/bench-versions.sh [--commits 27000] [--tags 12000] [--runs 5] [--cliff-timeout 120]
set -euo pipefail
commits=27000 tags=12000 runs=5 cliff_timeout=120
while [ $# -gt 0 ]; do
  case "$1" in
    --commits) commits="$2"; shift 2 ;;
    --tags) tags="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --cliff-timeout) cliff_timeout="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$work/repo"

echo "generating $commits commits and $tags tags..." >&2
javac -d "$work/classes" "$root/gantry-bench/src/main/java/dev/gantry/bench/HistoryGenerator.java"
expected=$(java -cp "$work/classes" dev.gantry.bench.HistoryGenerator --dir "$repo" --commits "$commits" --tags "$tags" | tail -n 1)
last_tag=$(git -C "$repo" tag --merged HEAD --list 'v*' --sort=-v:refname | sed -n 1p)

"$root/gantry" --version >/dev/null # builds the jar and its class-data archive once, outside the timings

cliff=""
if command -v git-cliff >/dev/null 2>&1; then
  cliff=git-cliff
elif command -v npm >/dev/null 2>&1; then
  echo "installing git-cliff from the npm registry..." >&2
  npm install --silent --prefix "$work/npm" git-cliff@2 >/dev/null 2>&1 && cliff="$work/npm/node_modules/.bin/git-cliff"
fi

# median wall-clock milliseconds of $runs runs of a command
median_ms() {
  local times=() start
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

# one run with a time limit; prints milliseconds, or ">N s" when it ran out of time
once_ms() {
  local start code
  start=$(date +%s%N)
  set +e
  timeout "$cliff_timeout" "$@" >/dev/null 2>&1
  code=$?
  set -e
  if [ "$code" -eq 124 ]; then echo ">${cliff_timeout}000"; else echo $(( ($(date +%s%N) - start) / 1000000 )); fi
}

plumbing() {
  git -C "$repo" for-each-ref --merged=HEAD '--format=%(refname:lstrip=2)%00%(objectname)%00%(*objectname)' 'refs/tags/v*'
  git -C "$repo" log -z '--format=%H%x00%P%x00%B%x00' "$last_tag..HEAD"
}

got=$("$root/gantry" version --repo "$repo")
if [ "$got" != "$expected" ]; then
  echo "gantry version says $got, the generated history calls for $expected" >&2
  exit 1
fi

git_ms=$(median_ms plumbing)
log_ms=$(median_ms git -C "$repo" log --format=%B)
version_ms=$(median_ms "$root/gantry" version --repo "$repo")
changelog_ms=$(median_ms "$root/gantry" changelog --all --repo "$repo")
cliff_version_ms="n/a" cliff_changelog_ms="n/a"
if [ -n "$cliff" ]; then
  cliff_version_ms=$(cd "$repo" && once_ms "$cliff" --bumped-version)
  cliff_changelog_ms=$(cd "$repo" && once_ms "$cliff")
fi

ratio() { case "$1$2" in *">"*|*n/a*) echo "-" ;; *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }' ;; esac; }
echo
echo "history: $(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" tag | wc -l) tags; next version $expected"
echo
printf '%-44s %12s %14s\n' "command" "median ms" "vs plumbing"
printf '%-44s %12s %14s\n' "git plumbing (reachable tags + range log)" "$git_ms" "1.0x"
printf '%-44s %12s %14s\n' "git log of every message" "$log_ms" "$(ratio "$log_ms" "$git_ms")"
printf '%-44s %12s %14s\n' "gantry version" "$version_ms" "$(ratio "$version_ms" "$git_ms")"
printf '%-44s %12s %14s\n' "gantry changelog --all" "$changelog_ms" "$(ratio "$changelog_ms" "$git_ms")"
printf '%-44s %12s %14s\n' "git-cliff --bumped-version (one run)" "$cliff_version_ms" "$(ratio "$cliff_version_ms" "$git_ms")"
printf '%-44s %12s %14s\n' "git-cliff changelog (one run)" "$cliff_changelog_ms" "$(ratio "$cliff_changelog_ms" "$git_ms")"
echo
echo "goals: gantry version <= 3x plumbing and < 1000 ms; gantry changelog --all < 5000 ms"
echo "gantry version / plumbing: $(ratio "$version_ms" "$git_ms"); changelog --all: ${changelog_ms} ms"
if [ -n "$cliff" ]; then
  echo "git-cliff / gantry: version $(ratio "$cliff_version_ms" "$version_ms"), changelog $(ratio "$cliff_changelog_ms" "$changelog_ms")"
fi
