#!/usr/bin/env bash
# A sharded run on a real Slurm cluster: a single-node cluster on localhost (.ci/slurm/start.sh), the tool published
# to a folder with a space in its name, `cytoviability slurm … --submit` on an example experiment with data-driven
# gates, and the merged outputs compared byte for byte with a single `run`. Then a second submission whose shard 1
# hangs until it is cancelled while running: the merge job must end unrun, and resubmitting index 1 alone plus the
# merge (as `slurm` prints) must give the same bytes again. Outside CI, skipped (one line) when Slurm is not installed.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/.ci/checks.sh"

if { ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; } && [ "${CI:-}" != "true" ]; then
  echo "skipped: Slurm is not installed (Debian: apt-get install slurm-wlm munge; CI=true as root installs them)"
  checks_summary
  exit 0
fi

# jq masks run.json's timings for the comparison.
if ! command -v jq >/dev/null 2>&1 && [ "${CI:-}" = "true" ] && [ "$(id -u)" = "0" ]; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends jq
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cv-ci-slurm-XXXXXX")
state="$work/cluster-state"
trap '"$repo/.ci/slurm/stop.sh" "$state"; rm -rf "$work"' EXIT
# Paths with spaces all the way: the experiment, the plan folders and the tool.
share="$work/lab share"
tool="$share/tools/cytoviability"
experiment="$share/data/viability-day2"
mkdir -p "$share/data"
cp -r "$repo/example-fcs/viability-day2" "$experiment"

check "dotnet publish the tool" dotnet publish "$repo/src/CytoViability.Cli" -c Release -o "$share/tools" -v quiet
check "a single-node cluster starts (slurmctld, slurmd on localhost; the node idle)" "$repo/.ci/slurm/start.sh" "$state"
export SLURM_CONF="$state/slurm.conf"

# Waits until every task of job $1 has ended, then prints their states (sorted, unique); fails after 5 minutes.
job_states() {
  local states
  for _ in $(seq 300); do
    states=$(scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 | sort -u | tr '\n' ' ')
    case "$states" in
      "" | *PENDING* | *RUNNING* | *CONFIGURING* | *COMPLETING* | *SUSPENDED*) sleep 1 ;;
      *) echo "${states% }"; return 0 ;;
    esac
  done
  echo "job $1 still not ended after 5 minutes: $states" >&2
  return 1
}

# Whether every task of each job given ended in state $1 (COMPLETED, CANCELLED, ...).
ended_as() {
  local state=$1 job
  shift
  for job in "$@"; do
    [ "$(job_states "$job")" = "$state" ] || return 1
  done
}

# The outputs of a sharded run ($1) and of a single run ($2) into the same path: the same files, the same bytes,
# apart from what differs between any two runs (docs/outputs.md, "Same inputs, same bytes"): the run id
# (.cytoviability-output, run.json), run.json's started_utc, timings_ms and per-input ms, and run.log (a time stamp
# on every line). Everything else, the report and gate-plots.bin included, is compared byte for byte.
same_outputs() {
  local a=$1 b=$2 file
  diff <(cd "$a" && find . -type f | LC_ALL=C sort) <(cd "$b" && find . -type f | LC_ALL=C sort) || return 1
  while IFS= read -r file; do
    case "$file" in
      ./run.log | ./.cytoviability-output) ;;
      ./run.json)
        diff <(jq 'del(.run_id, .started_utc, .timings_ms) | .inputs |= map(del(.ms))' "$a/$file") \
          <(jq 'del(.run_id, .started_utc, .timings_ms) | .inputs |= map(del(.ms))' "$b/$file") || return 1 ;;
      *) cmp "$a/$file" "$b/$file" || return 1 ;;
    esac
  done < <(cd "$a" && find . -type f | LC_ALL=C sort)
}

# The single run writes where the merge will (run.json and the report name the output folder), then moves aside.
plan="$share/plans/viability day2"
check "single run of viability-day2 (the reference)" "$tool" run "$experiment" --out "$plan/out"
mv "$plan/out" "$work/single"

# 1. The whole chain submitted by the tool: shard array, merge after the shards (plan counted the maps).
"$tool" slurm "$experiment" --shards 3 --out "$plan" --submit > "$work/slurm.txt" 2>&1
check "slurm --submit submits the chain" grep -q '^Submitted: ' "$work/slurm.txt"
cat "$work/slurm.txt"
ids=$(sed -nE 's/^Submitted: shard array ([0-9]+), merge job ([0-9]+)\.$/\1 \2/p' "$work/slurm.txt")
read -r shard_job merge_job <<< "$ids"
check "plan counted the maps of the data-driven gates (no map array)" test -s "$plan/maps/0/pooled.bin" -a -s "$plan/maps/2/pooled.bin" -a ! -e "$plan/slurm/map.sbatch"
check "the printed retry resubmits only chosen indices" grep -qF "sbatch --parsable --array=3,5 " "$work/slurm.txt"
check "the merge job completed" ended_as COMPLETED "${merge_job:-none}"
check "every shard task completed" ended_as COMPLETED "${shard_job:-none}"
check "one log per shard task (shard_<array>_<index>.out)" \
  test -s "$plan/slurm/logs/shard_${shard_job}_0.out" -a -s "$plan/slurm/logs/shard_${shard_job}_1.out" -a -s "$plan/slurm/logs/shard_${shard_job}_2.out"
check "the merged outputs are the single run's bytes" same_outputs "$plan/out" "$work/single"

# 2. Shard 1 hangs on its first attempt (before the tool starts) until it is cancelled while running.
cat > "$share/tools/hang-shard-1" <<EOF
#!/bin/bash
if [ "\$1" = run ] && [[ " \$* " == *" --shard 1 "* ]] && [ ! -e "$work/shard-1-hung" ]; then
  touch "$work/shard-1-hung"
  sleep 600
fi
exec "$tool" "\$@"
EOF
chmod +x "$share/tools/hang-shard-1"
retry_plan=$plan
rm -rf "$retry_plan"
"$tool" slurm "$experiment" --shards 3 --out "$retry_plan" --tool "$share/tools/hang-shard-1" --submit > "$work/slurm-retry.txt" 2>&1
cat "$work/slurm-retry.txt"
read -r shard_job merge_job <<< "$(sed -nE 's/^Submitted: shard array ([0-9]+), merge job ([0-9]+)\.$/\1 \2/p' "$work/slurm-retry.txt")"
for _ in $(seq 120); do
  [ -e "$work/shard-1-hung" ] && break
  sleep 1
done
check "shard 1 is running (hung)" bash -c 'scontrol -o show job "$0" | grep -q "JobState=RUNNING"' "${shard_job}_1"
check "scancel ends array task 1 alone" scancel "${shard_job}_1"
check "the merge job ends unrun (its dependency failed)" ended_as CANCELLED "${merge_job:-none}"
check "the other shards completed" ended_as COMPLETED "${shard_job:-none}_0" "${shard_job:-none}_2"
check "no merged outputs yet" test ! -e "$retry_plan/out"
retry=$(sbatch --parsable --array=1 "$retry_plan/slurm/shards.sbatch")
retry=${retry%%;*}
merge_again=$(sbatch --parsable --dependency=afterok:"$retry" "$retry_plan/slurm/merge.sbatch")
merge_again=${merge_again%%;*}
check "the resubmitted merge completed" ended_as COMPLETED "${merge_again:-none}"
check "the retry ran index 1 only" bash -c '[ "$(scontrol -o show job "$0" | grep -o "ArrayTaskId=[0-9]*" | sort -u)" = "ArrayTaskId=1" ]' "$retry"
check "the merged outputs after the retry are the single run's bytes" same_outputs "$retry_plan/out" "$work/single"
checks_summary
