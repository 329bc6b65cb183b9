#!/usr/bin/env bash
# Times `gantry version` and `gantry changelog --all` on a generated history of Conventional Commits and
# release tags, against the git plumbing they need and against git-cliff. Run from the repository root:
#   gantry-bench/bench-versions.sh [--commits 27000] [--tags 12000] [--runs 5] [--cliff-timeout 120]
# Exits 1 when gantry's next version is wrong, 2 on bad usage or when ./gantry is missing.
set -euo pipefail
shopt -s inherit_errexit

commits=27000 tags=12000 runs=5 cliff_timeout=120
usage="usage: gantry-bench/bench-versions.sh [--commits N] [--tags N] [--runs N] [--cliff-timeout SECONDS]"
while [ $# -gt 0 ]; do
  case "$1" in
    --commits | --tags | --runs | --cliff-timeout)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "$1 needs a positive number" >&2; echo "$usage" >&2; exit 2; }
      case "$1" in
        --commits) commits="$2" ;; --tags) tags="$2" ;; --runs) runs="$2" ;; --cliff-timeout) cliff_timeout="$2" ;;
      esac
      shift 2 ;;
    -h | --help) echo "$usage"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; echo "$usage" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gantry="$root/gantry"
if [ ! -x "$gantry" ]; then
  echo "bench-versions: no ./gantry launcher at the repository root ($gantry); nothing to benchmark yet" >&2
  exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"
now_ns() { date +%s%N; }

# 1. The history.
echo "generating $commits commits and $tags tags..." >&2
javac -d "$tmp/classes" "$root/gantry-bench/src/main/java/dev/gantry/bench/HistoryGenerator.java"
start=$(now_ns)
expected=$(java -cp "$tmp/classes" dev.gantry.bench.HistoryGenerator --dir "$repo" --commits "$commits" --tags "$tags" | tail -n 1)
generate_ms=$(( ($(now_ns) - start) / 1000000 ))
last_tag=$(git -C "$repo" for-each-ref --merged=HEAD --sort=-v:refname --count=1 --format='%(refname:lstrip=2)' 'refs/tags/v*')

# 2. git-cliff, from the npm registry unless it is on PATH.
cliff="" cliff_note=""
if command -v git-cliff >/dev/null 2>&1; then
  cliff="$(command -v git-cliff)"
elif command -v npm >/dev/null 2>&1; then
  echo "installing git-cliff 2.x from the npm registry..." >&2
  if npm install --prefix "$tmp/npm" --no-audit --no-fund --loglevel=error 'git-cliff@^2.14' >"$tmp/npm.log" 2>&1; then
    cliff="$tmp/npm/node_modules/.bin/git-cliff"
  else
    cliff_note="git-cliff skipped: npm install failed ($(tail -n 1 "$tmp/npm.log"))"
  fi
else
  cliff_note="git-cliff skipped: neither git-cliff nor npm is on PATH"
fi

# 3. The timings.
plumbing() {
  git -C "$repo" for-each-ref --merged=HEAD --format='%(refname:lstrip=2)%00%(objectname)%00%(*objectname)' 'refs/tags/v*'
  git -C "$repo" log --format='%H%x00%P%x00%B%x00' -z "$last_tag..HEAD"
}
gantry_version() {
  "$gantry" version --repo "$repo" >"$tmp/version.out"
  local got
  got=$(cat "$tmp/version.out")
  if [ "$got" != "$expected" ]; then
    echo "FAIL: gantry version printed '${got}', the generated history calls for $expected" >&2
    exit 1
  fi
}
gantry_changelog() { "$gantry" changelog --all --repo "$repo"; }
all_messages() { git -C "$repo" log --format=%B; }

# Median wall-clock milliseconds of $runs runs of a function; its output is dropped.
median_ms() {
  local times=() start i
  for ((i = 0; i < runs; i++)); do
    start=$(now_ns)
    if ! "$@" >/dev/null; then echo "FAIL: $* failed" >&2; exit 1; fi
    times+=($(( ($(now_ns) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : int((t[NR / 2] + t[NR / 2 + 1]) / 2) }'
}

# One run of git-cliff in the repository under the time limit: milliseconds, or ">N s (timed out)".
cliff_once() {
  local start code
  start=$(now_ns)
  set +e
  (cd "$repo" && timeout "$cliff_timeout" "$cliff" "$@" >"$tmp/cliff.out" 2>"$tmp/cliff.err")
  code=$?
  set -e
  if [ "$code" -eq 124 ]; then
    echo "> $cliff_timeout s (timed out)"
  elif [ "$code" -ne 0 ]; then
    echo "failed (exit $code): $(tail -n 1 "$tmp/cliff.err")"
  else
    echo $(( ($(now_ns) - start) / 1000000 ))
  fi
}

echo "warming up (the first ./gantry run builds the jar when the sources changed)..." >&2
gantry_version
gantry_changelog >/dev/null
plumbing >/dev/null
all_messages >/dev/null

echo "timing, $runs runs each..." >&2
git_ms=$(median_ms plumbing)
version_ms=$(median_ms gantry_version)
changelog_ms=$(median_ms gantry_changelog)
log_ms=$(median_ms all_messages)
cliff_version="" cliff_changelog="" cliff_said=""
if [ -n "$cliff" ]; then
  echo "timing git-cliff, one run each, at most $cliff_timeout s..." >&2
  cliff_version=$(cliff_once --bumped-version)
  [[ "$cliff_version" =~ ^[0-9]+$ ]] && cliff_said=$(tail -n 1 "$tmp/cliff.out")
  cliff_changelog=$(cliff_once)
fi

# 4. The report.
is_ms() { [[ "$1" =~ ^[0-9]+$ ]]; }
# ratio A B: A/B with one decimal; A may be "> N s (timed out)", which gives a lower bound
ratio() {
  if is_ms "$1" && is_ms "$2"; then
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / (b > 0 ? b : 1) }'
  elif [[ "$1" == ">"* ]] && is_ms "$2"; then
    awk -v a="$(( ${1//[!0-9]/} * 1000 ))" -v b="$2" 'BEGIN { printf "> %.1fx", a / (b > 0 ? b : 1) }'
  else
    echo "-"
  fi
}
row() { printf '%-52s %20s %12s\n' "$1" "$2" "$3"; }

echo
echo "history: $(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" rev-list --merges --count HEAD) merges," \
  "$(git -C "$repo" tag -l 'v*' | wc -l) tags up to $last_tag, generated in $generate_ms ms; next version $expected"
echo "tools: $(git --version), java $(java -version 2>&1 | sed -n '1s/.*"\(.*\)".*/\1/p')${cliff:+, $("$cliff" --version 2>/dev/null | head -n 1)}"
echo
row "command" "median ms" "vs plumbing"
row "git plumbing of gantry version (tags + range log)" "$git_ms" "1.0x"
row "gantry version" "$version_ms" "$(ratio "$version_ms" "$git_ms")"
row "gantry changelog --all" "$changelog_ms" "$(ratio "$changelog_ms" "$git_ms")"
row "git log --format=%B (every message)" "$log_ms" "$(ratio "$log_ms" "$git_ms")"
if [ -n "$cliff" ]; then
  row "git-cliff --bumped-version (1 run)" "$cliff_version" "$(ratio "$cliff_version" "$git_ms")"
  row "git-cliff, whole changelog (1 run)" "$cliff_changelog" "$(ratio "$cliff_changelog" "$git_ms")"
fi
echo
verdict() { if awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; then echo "met"; else echo "MISSED"; fi; }
version_ratio=$(awk -v a="$version_ms" -v b="$git_ms" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }')
changelog_s=$(awk -v a="$changelog_ms" 'BEGIN { printf "%.1f", a / 1000 }')
echo "gantry version / git plumbing:  ${version_ratio}x  (goal <= 3x: $(verdict "$version_ratio" 3))"
echo "gantry changelog --all:         ${changelog_s} s  (goal <= 5 s: $(verdict "$changelog_s" 5))"
if [ -n "$cliff" ]; then
  echo "git-cliff / gantry, version:    $(ratio "$cliff_version" "$version_ms")${cliff_said:+  (git-cliff says $cliff_said, gantry $expected)}"
  echo "git-cliff / gantry, changelog:  $(ratio "$cliff_changelog" "$changelog_ms")"
else
  echo "$cliff_note"
fi
