#!/usr/bin/env bash
# Times how fast Gantry answers the commands that wait on nothing outside: `gantry --version` (the JVM's start and
# the command line alone) beside `version`, `plan check`, `status`, `history`, `approvals`, `checklist`, and `tick`
# and `approve`, which write at once, on a repository of 22 commits with a plan and a store holding a plan, an
# approval and a tick.
# Run from the repository root:
#   gantry-bench/startup-bench.sh [--rounds 10] [--gantry PATH] [--baseline PATH]
# Each round runs every command once, in turn, so that the machine's load falls on all of them alike; with
# --baseline, another launcher (an older checkout's ./gantry) runs each command right after, on a copy of the same
# repository. Prints the median, lowest and highest wall-clock time of each command and its CPU time (user +
# system), and whether each stays within 300 ms of `gantry --version`. Exits 1 when a command fails, 2 on bad usage.
set -euo pipefail
shopt -s inherit_errexit

rounds=10
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launchers=("$root/gantry")
usage="usage: gantry-bench/startup-bench.sh [--rounds N] [--gantry PATH] [--baseline PATH]"
launcher() { # option path
  [ -x "$2" ] || { echo "$1 needs an executable launcher, got \"$2\"" >&2; exit 2; }
  echo "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
}
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "--rounds needs a positive number" >&2; echo "$usage" >&2; exit 2; }
      rounds="$2"; shift 2 ;;
    --gantry) launchers[0]="$(launcher "$1" "${2:-}")"; shift 2 ;;
    --baseline) launchers[1]="$(launcher "$1" "${2:-}")"; shift 2 ;;
    -h | --help) echo "$usage"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; echo "$usage" >&2; exit 2 ;;
  esac
done

TIMEFORMAT="%3R %3U %3S"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo-0"
gantry="${launchers[0]}"

# 1. The repository: 21 generated commits with release tags, the plan `gantry init` writes committed as the 22nd by
# someone else than Ana, so that she may approve; Linh, who holds the qa role, is added to its people.
echo "generating the repository..." >&2
javac -d "$tmp/classes" "$root/gantry-bench/src/main/java/dev/gantry/bench/HistoryGenerator.java"
java -cp "$tmp/classes" dev.gantry.bench.HistoryGenerator --dir "$repo" --commits 21 --tags 3 >/dev/null 2>&1
git -C "$repo" config user.name "Ana Lima"
git -C "$repo" config user.email ana@example.com
(cd "$repo" && "$gantry" init >/dev/null 2>&1)
sed -i '/^people:$/a\  - name: "Linh Vo"\n    roles: [qa]' "$repo/gantry.yaml"
git -C "$repo" add -A
git -C "$repo" -c user.name=Bench -c user.email=bench@example.com commit -q -m "chore: add the release plan"

# 2. The store: the first commands create it (the first ./gantry run also builds the jar when the sources changed).
echo "filling the store..." >&2
(
  cd "$repo"
  "$gantry" plan --as "Bo Chen" >/dev/null 2>&1
  "$gantry" approve --role tech-lead --comment "reviewed" >/dev/null 2>&1
  "$gantry" tick backup --note "snapshot taken" >/dev/null 2>&1
) || { echo "startup-bench: filling the store failed" >&2; exit 1; }
# The store as filled: every round starts from it again (see below).
cp -a "$repo/.gantry/state" "$tmp/state"
for ((l = 1; l < ${#launchers[@]}; l++)); do cp -a "$repo" "$tmp/repo-$l"; done

# `tick` and `approve` write at once. An approval is given once per role and commit, so the store is put back as it
# was filled after each `approve` (untimed): every round's commands find the same store and do the same work.
commands=("--version" "version" "plan check" "status" "history" "approvals" "checklist" "tick backup --note done"
  'approve --role qa --as "Linh Vo" --comment done')
# Exit codes that answer (approvals: 7 waits for a person; plan check: 8 warnings only); 1 and 2 are failures.
answers() { [ "$1" -eq 0 ] || [ "$1" -ge 3 ]; }

# One timed run of command `index` by launcher `l`: appends "wall user system" in seconds to its times.
once() { # l index
  local l="$1" index="$2" code args
  eval "args=(${commands[$index]})"
  set +e
  { time (cd "$tmp/repo-$l" && "${launchers[$l]}" "${args[@]}" >"$tmp/out" 2>&1); } 2>"$tmp/time"
  code=$?
  set -e
  if ! answers "$code"; then
    echo "FAIL: ${launchers[$l]} ${commands[$index]} exited $code:" >&2
    tail -n 5 "$tmp/out" >&2
    exit 1
  fi
  cat "$tmp/time" >>"$tmp/times-$l-$index"
  if [ "${args[0]}" = approve ]; then
    rm -rf "$tmp/repo-$l/.gantry/state"
    cp -a "$tmp/state" "$tmp/repo-$l/.gantry/state"
  fi
}

echo "warming up..." >&2
for l in "${!launchers[@]}"; do
  for i in "${!commands[@]}"; do once "$l" "$i"; done
  rm -f "$tmp"/times-"$l"-*
done

echo "timing, $rounds rounds..." >&2
for ((r = 0; r < rounds; r++)); do
  for i in "${!commands[@]}"; do
    for l in "${!launchers[@]}"; do once "$l" "$i"; done
  done
done

# 3. The tables; TIMEFORMAT above makes `time` print "wall user system" in seconds.
median() { sort -n | awk '{ t[NR] = $1 } END { printf "%d\n", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
ms() { awk '{ printf "%d\n", $1 * 1000 + 0.5 }'; }
column_of() { awk -v c="$3" '{ print $c }' "$tmp/times-$1-$2"; }
label() { case "$1" in --*) echo "$1" ;; *) echo "${1%% --*}" ;; esac; }

echo
echo "repository: $(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" tag | wc -l) tags, a plan;" \
  "store: $(du -k "$repo/.gantry/state/gantry.mv.db" | cut -f1) KB; $rounds rounds"
echo "java $(java -version 2>&1 | sed -n '1s/.*"\(.*\)".*/\1/p'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for l in $(seq $((${#launchers[@]} - 1)) -1 0); do
  echo
  if [ "$l" -gt 0 ]; then echo "baseline: ${launchers[$l]}"; else echo "launcher: ${launchers[$l]}"; fi
  printf '%-12s %10s %8s %8s %12s %12s  %s\n' "command" "median ms" "min" "max" "cpu ms" "over start" "goal <= 300 ms"
  base=""
  missed=0
  for i in "${!commands[@]}"; do
    wall=$(column_of "$l" "$i" 1 | ms | median)
    low=$(column_of "$l" "$i" 1 | ms | sort -n | head -n 1)
    high=$(column_of "$l" "$i" 1 | ms | sort -n | tail -n 1)
    cpu=$(awk '{ print $2 + $3 }' "$tmp/times-$l-$i" | ms | median)
    if [ -z "$base" ]; then
      base="$wall"
      printf '%-12s %10s %8s %8s %12s %12s  %s\n' "$(label "${commands[$i]}")" "$wall" "$low" "$high" "$cpu" "-" "-"
    else
      over=$((wall - base))
      verdict="met"
      if [ "$over" -gt 300 ]; then verdict="MISSED"; missed=$((missed + 1)); fi
      printf '%-12s %10s %8s %8s %12s %12s  %s\n' "$(label "${commands[$i]}")" "$wall" "$low" "$high" "$cpu" "+$over" "$verdict"
    fi
  done
  echo "$((${#commands[@]} - 1 - missed)) of $((${#commands[@]} - 1)) commands within 300 ms of gantry --version (medians)"
done
