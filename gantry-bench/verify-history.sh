#!/usr/bin/env bash
# Recomputes every stable release of a repository with `gantry version --at TAG` and compares the answer
# with the tag. Usage: gantry-bench/verify-history.sh REPO [TAG_GLOB]   (run from the project root)
# Prints one line per mismatch and a summary; exits 1 when any release disagrees.
set -euo pipefail
repo="${1:?usage: verify-history.sh REPO [TAG_GLOB]}"
glob="${2:-v*}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/gantry" --version >/dev/null   # builds the jar once if needed
jar="$root/gantry-cli/target/gantry.jar"
prefix="${glob%\*}"

total=0 same=0
while read -r tag; do
  expected="${tag#"$prefix"}"
  [[ "$expected" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || continue
  total=$((total + 1))
  got=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" version --repo "$repo" --at "$tag" 2>/dev/null || true)
  if [ "$got" = "$expected" ]; then
    same=$((same + 1))
  else
    echo "MISMATCH $tag: gantry says ${got:-nothing to release}"
  fi
done < <(git -C "$repo" tag --merged HEAD --list "$glob" --sort=v:refname)
echo "$same of $total releases recomputed exactly"
[ "$same" -eq "$total" ]
