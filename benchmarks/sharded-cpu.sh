#!/usr/bin/env bash
# Whole-process CPU time (user + sys, from /usr/bin/time) of one `run` of an experiment against
# `plan` + the map step of every shard + every shard + `merge`, each a process of its own as on a cluster, all on
# one thread and without the report. Usage: benchmarks/sharded-cpu.sh [EXPERIMENT_FOLDER] [SHARDS] [TEMPLATE]
# (default example-fcs/adcc-day2, 4, experiment.yaml's). Needs a Release build: dotnet build src/CytoViability.Cli -c Release;
# CYTOVIABILITY_DLL=PATH/cytoviability.dll times another build of the tool instead, e.g. the ReadyToRun code the tool's
# packages ship (dotnet publish src/CytoViability.Cli -c Release -r linux-x64 --self-contained false
# -p:PublishReadyToRun=true -o /tmp/r2r, then CYTOVIABILITY_DLL=/tmp/r2r/cytoviability.dll); CYTOVIABILITY_EXE=PATH
# times an executable started as it is, e.g. the native AOT build the linux-x64 package ships (dotnet publish
# src/CytoViability.Cli -c Release -r linux-x64 -p:PublishAot=true -p:PackAsTool=false -o /tmp/aot, then
# CYTOVIABILITY_EXE=/tmp/aot/cytoviability).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
experiment=${1:-$root/example-fcs/adcc-day2}
shards=${2:-4}
template=()
if [[ -n "${3:-}" ]]; then template=(--template "$3"); fi
if [[ -n "${CYTOVIABILITY_EXE:-}" ]]; then
  cli=("$CYTOVIABILITY_EXE")
else
  cli=(dotnet "${CYTOVIABILITY_DLL:-$root/src/CytoViability.Cli/bin/Release/net10.0/cytoviability.dll}")
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cpu() { # runs a command, prints its user + sys CPU seconds
  /usr/bin/time -f "%U %S" -o "$scratch/time" "$@" > /dev/null
  awk '{ printf "%.2f", $1 + $2 }' "$scratch/time"
}

single=$(cpu "${cli[@]}" run "$experiment" "${template[@]}" --out "$scratch/single" --no-report --threads 1)
parts=()
parts+=("$(cpu "${cli[@]}" plan "$experiment" "${template[@]}" --shards "$shards" --out "$scratch/plan" --threads 1)")
if grep -q '"needs_map": true' "$scratch/plan/manifest.json"; then
  for ((k = 0; k < shards; k++)); do parts+=("$(cpu "${cli[@]}" run --manifest "$scratch/plan/manifest.json" --shard "$k" --map --threads 1)"); done
fi
for ((k = 0; k < shards; k++)); do parts+=("$(cpu "${cli[@]}" run --manifest "$scratch/plan/manifest.json" --shard "$k" --no-report --threads 1)"); done
parts+=("$(cpu "${cli[@]}" merge "$scratch/plan" --no-report --threads 1)")
sharded=$(printf '%s\n' "${parts[@]}" | awk '{ s += $1 } END { printf "%.2f", s }')
echo "single run: ${single} s CPU; plan + maps + ${shards} shards + merge: ${sharded} s CPU (${#parts[@]} processes: ${parts[*]})"
awk -v a="$single" -v b="$sharded" 'BEGIN { printf "ratio %.3f\n", b / a }'
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
