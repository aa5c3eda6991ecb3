#!/usr/bin/env bash
# list-checks.sh - every check an e2e run made, from the invoker's build logs: one line per project, cell, check and
# result, with how many times it was reported (one per fips:verify of that cell, per platform). Diff the output of
# two runs to see that a change to CI checks nothing less:
#   scripts/e2e/list-checks.sh fips-maven-plugin/target/it/e2e-*/build.log > checks-after.txt
#   diff checks-before.txt checks-after.txt
# A check line is fips:verify's "  PASS  linux/amd64: NAME  message" (or FAIL, SKIP, NOT VERIFIED), attributed to the
# cell whose "verifying CELL" line came last; cpython-tests is listed like the others.
set -euo pipefail

if [ $# -eq 0 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  echo "Usage: $(basename "$0") BUILD_LOG..." >&2
  echo "  e.g. $(basename "$0") fips-maven-plugin/target/it/e2e-*/build.log" >&2
  [ $# -eq 0 ] && exit 2 || exit 0
fi

for log in "$@"; do
  [ -f "$log" ] || { echo "$(basename "$0"): no such log: $log" >&2; exit 1; }
  project=$(basename "$(dirname "$log")")
  awk -v p="$project" '
    match($0, /python-fips: verifying [^ ]+ on /) { split(substr($0, RSTART + 23), w, " "); cell = w[1]; next }
    match($0, /python-fips: [^ ]+: verifying /)   { split(substr($0, RSTART + 13), w, ":"); cell = w[1]; next }
    cell != "" && match($0, /^\[(INFO|WARNING|ERROR)\] +(PASS|FAIL|SKIP|NOT VERIFIED) +/) {
      status = $0; sub(/^\[[A-Z]+\] +/, "", status)
      rest = status
      if (status ~ /^NOT VERIFIED/) { status = "NOT VERIFIED"; sub(/^NOT VERIFIED +/, "", rest) }
      else { split(status, s, " "); status = s[1]; sub(/^[A-Z]+ +/, "", rest) }
      split(rest, r, " "); name = r[1]
      if (name ~ /:$/) name = r[2]          # "linux/amd64: NAME"
      print p "\t" cell "\t" name "\t" status
    }' "$log"
done | sort | uniq -c | awk '{ printf "%-20s %-44s %-32s %-12s x%d\n", $2, $3, $4, $5 ($6 ? " " $6 : ""), $1 }'
