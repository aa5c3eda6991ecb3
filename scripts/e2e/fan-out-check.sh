#!/usr/bin/env bash
# fan-out-check.sh PROJECT_DIR REGISTRY - the CI fan-out of docs/release.md, run here as written: the planning job,
# one job per line of target/fips/jobs.json (each in its own copy of the project, as on its own runner, with the
# job's "mavenArgs"), then the assembly job on the records of every job. Needs the engine(s) and sources the project
# needs, jq, and a registry (scripts/e2e/ensure-registry.sh). Prints each job's time; exit 0 only if every step passed.
set -euo pipefail

SELF="$(basename "$0")"
log() { printf '[%s] %s\n' "$SELF" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ $# -eq 2 ] || die "usage: $SELF PROJECT_DIR REGISTRY   (e.g. $SELF examples/e2e-debian 127.0.0.1:5000)"
project=$(cd "$1" && pwd)
registry=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
mvn=("${MVN:-$root/mvnw}" -B)
command -v jq >/dev/null 2>&1 || die "jq is missing (apt-get install jq)"
work=$(mktemp -d /tmp/fan-out.XXXXXX)
log "workspace $work"

copy() { mkdir -p "$2" && cp -r "$1"/. "$2"/ && rm -rf "$2/target"; }

# planning job: the job list
copy "$project" "$work/plan"
(cd "$work/plan" && "${mvn[@]}" -q fips:generate -Dfips.sources.fetch=false)
jobs="$work/plan/target/fips/jobs.json"
count=$(jq '.include | length' "$jobs")
log "jobs.json: $count job(s)"

# one job per line, each in a workspace of its own; its record goes where a CI would download it
for ((i = 0; i < count; i++)); do
  name=$(jq -r ".include[$i].name" "$jobs")
  read -r -a args <<< "$(jq -r ".include[$i].mavenArgs" "$jobs")"
  copy "$project" "$work/job-$i"
  start=$(date +%s)
  log "job $i: $name: fips:build fips:push ${args[*]} -Dfips.push.registry=$registry"
  (cd "$work/job-$i" && "${mvn[@]}" fips:build fips:push "${args[@]}" -Dfips.push.registry="$registry") > "$work/job-$i.log" 2>&1 \
    || { tail -n 40 "$work/job-$i.log" >&2; die "job $i ($name) failed: $work/job-$i.log"; }
  mkdir -p "$work/assemble/records/job-$i"
  cp "$work/job-$i/target/fips/images.json" "$work/assemble/records/job-$i/"
  log "job $i: $name: done in $(( $(date +%s) - start )) s"
done

# the assembly job: the manifest lists, from the records of every job
copy "$project" "$work/assemble"
(cd "$work/assemble" && "${mvn[@]}" fips:generate -Dfips.sources.fetch=false fips:assemble -Dfips.assemble.records=records \
    -Dfips.push.registry="$registry") > "$work/assemble.log" 2>&1 \
  || { tail -n 40 "$work/assemble.log" >&2; die "the assembly failed: $work/assemble.log"; }
grep -E 'assembled \(' "$work/assemble.log" | sed 's/^\[INFO\] */  /' >&2
log "PASS: $count job(s) and the assembly ($work)"
