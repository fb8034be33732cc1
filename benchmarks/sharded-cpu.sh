#!/usr/bin/env bash
# Whole-process CPU time (user + sys, from /usr/bin/time) of one `run` of an experiment against `plan` + every
# shard + `merge`, each a process of its own as on a cluster, all on one thread and without the report. `plan`
# counts the maps of data-driven gates as it hashes the files; a map step (`run --shard K --map`) runs only for a
# map that is missing after `plan` (an older build's plan).
# Usage: benchmarks/sharded-cpu.sh [EXPERIMENT_FOLDER] [SHARDS] [TEMPLATE]
# (default example-fcs/adcc-day2, 4, experiment.yaml's). Sets timed in the README: 40 files × 1M events
# (benchmarks/scripts/grow-example.py) and a facility's many small files, 964 × 50,000 events (`cytoviability example
# /tmp/fac --donors 48 --events 25000`, then /tmp/fac/adcc). REPEAT=N runs the series N times, single run and sharded
# run back to back, and ends with the median of each process and of the ratio. BRACKET=1 times the single run again
# after the sharded processes and divides by the mean of the two (a host whose speed drifts weighs on both sides).
# WARM_MB=N writes N MiB of fresh memory (huge pages, then freed) right before each timed process, untimed: on a
# virtual machine whose balloon reports free memory to its host (virtio-balloon free page reporting, as on the build
# machine), memory freed a few seconds earlier comes back from the host at about 2.5 ms per MiB of the process's
# system time, against 0.1-0.2 ms when it was freed just before; the warm-up makes every process start from the
# second case, as on a machine without such a balloon (docs/sharding.md, "Cost").
# The tool: a Release build (dotnet build src/CytoViability.Cli -c Release) by default;
# CYTOVIABILITY_DLL=PATH/cytoviability.dll times another build run by `dotnet`, e.g. the ReadyToRun build
# (dotnet publish src/CytoViability.Cli -c Release -r linux-x64 --self-contained false -o /tmp/r2r, then
# CYTOVIABILITY_DLL=/tmp/r2r/cytoviability.dll); CYTOVIABILITY_EXE=PATH times an executable started directly: the
# linux-x64 tool as shipped is native AOT (scripts/publish.sh linux-x64, then
# CYTOVIABILITY_EXE=artifacts/publish/linux-x64/cytoviability), or the apphost of another publish folder.
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
repeat=${REPEAT:-1}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

warm() { # WARM_MB: fresh memory written and freed before a timed process
  if [[ -n "${WARM_MB:-}" ]]; then
    python3 -c 'import mmap, sys
n = int(sys.argv[1]) << 20
m = mmap.mmap(-1, n, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
m.madvise(mmap.MADV_HUGEPAGE)
for i in range(0, n, 4096): m[i] = 1' "$WARM_MB"
  fi
}

cpu() { # runs a command, prints its user + sys CPU seconds
  warm
  /usr/bin/time -f "%U %S" -o "$scratch/time" "$@" > /dev/null
  awk '{ printf "%.2f", $1 + $2 }' "$scratch/time"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Every input is read once before timing: a first series that reads the files from disk costs the single run
# (which runs first) seconds of CPU the sharded run does not pay, and says nothing about sharding.
find "$experiment" -type f -exec cat {} + > /dev/null

echo "tool: ${cli[*]}; $experiment, $shards shards${3:+, template $3}${WARM_MB:+, warm-up $WARM_MB MiB}; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= repeat; r++)); do
  rm -rf "$scratch/single" "$scratch/plan"
  single=$(cpu "${cli[@]}" run "$experiment" "${template[@]}" --out "$scratch/single" --no-report --threads 1)
  names=(plan)
  parts=("$(cpu "${cli[@]}" plan "$experiment" "${template[@]}" --shards "$shards" --out "$scratch/plan" --threads 1)")
  for ((k = 0; k < shards; k++)); do
    if grep -q '"needs_map": true' "$scratch/plan/manifest.json" && [[ ! -e "$scratch/plan/maps/$k/pooled.bin" ]]; then
      names+=("map$k")
      parts+=("$(cpu "${cli[@]}" run --manifest "$scratch/plan/manifest.json" --shard "$k" --map --threads 1)")
    fi
  done
  for ((k = 0; k < shards; k++)); do
    names+=("shard$k")
    parts+=("$(cpu "${cli[@]}" run --manifest "$scratch/plan/manifest.json" --shard "$k" --no-report --threads 1)")
  done
  names+=(merge)
  parts+=("$(cpu "${cli[@]}" merge "$scratch/plan" --no-report --threads 1)")
  if [[ -n "${BRACKET:-}" ]]; then
    # The single run again after the sharded processes: the ratio is against the mean of the two, so a host whose
    # speed drifts during the series (this machine's moved by half within an hour) weighs on both sides alike.
    rm -rf "$scratch/single"
    after=$(cpu "${cli[@]}" run "$experiment" "${template[@]}" --out "$scratch/single" --no-report --threads 1)
    single=$(awk -v a="$single" -v b="$after" 'BEGIN { printf "%.3f", (a + b) / 2 }')
  fi
  sharded=$(printf '%s\n' "${parts[@]}" | awk '{ s += $1 } END { printf "%.2f", s }')
  ratio=$(awk -v a="$single" -v b="$sharded" 'BEGIN { printf "%.3f", b / a }')
  echo "$single" >> "$scratch/singles"
  echo "$sharded" >> "$scratch/shardeds"
  echo "$ratio" >> "$scratch/ratios"
  for i in "${!parts[@]}"; do echo "${parts[$i]}" >> "$scratch/part-$i"; done
  echo "[$r] single run: ${single} s CPU; plan + shards + merge: ${sharded} s CPU (${names[*]}: ${parts[*]}); ratio ${ratio}; load $(cut -d' ' -f1-3 /proc/loadavg)"
done
if ((repeat > 1)); then
  medians=()
  for i in "${!names[@]}"; do medians+=("$(median < "$scratch/part-$i")"); done
  echo "median of $repeat: single run $(median < "$scratch/singles") s, sharded $(median < "$scratch/shardeds") s (${names[*]}: ${medians[*]}), ratio $(median < "$scratch/ratios")"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
