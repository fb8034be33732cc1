#!/usr/bin/env bash
# Each process of a single run and of a sharded run timed alone by `perf stat` (task-clock: CPU time of all its
# threads, to the microsecond), in interleaved rounds: single run, plan, every shard, merge, then the next round.
# Prints each process's minimum and median, and each round's ratio (plan + shards + merge against the single run),
# so a host whose speed drifts shows as scattered rounds rather than as one number (docs/sharding.md, "Cost").
# Usage: benchmarks/scripts/sharded-task-clock.sh EXE FOLDER SHARDS ROUNDS [TEMPLATE]
# e.g. benchmarks/scripts/sharded-task-clock.sh artifacts/publish/linux-x64/cytoviability /tmp/fac/adcc 2 9
set -euo pipefail
exe=$1 folder=$2 shards=$3 rounds=$4
template=()
if [[ -n "${5:-}" ]]; then template=(--template "$5"); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

clock() { # runs a command, appends its task-clock milliseconds to file $1
  local into=$1; shift
  perf stat -x, -e task-clock -o "$work/stat" "$@" > /dev/null 2>&1
  grep task-clock "$work/stat" | cut -d, -f1 >> "$work/t-$into"
}

names=(single plan)
for ((k = 0; k < shards; k++)); do names+=("shard$k"); done
names+=(merge)
for ((r = 0; r < rounds; r++)); do
  rm -rf "$work/out" "$work/plan"
  clock single "$exe" run "$folder" "${template[@]}" --out "$work/out" --no-report --threads 1
  clock plan "$exe" plan "$folder" "${template[@]}" --shards "$shards" --out "$work/plan" --threads 1
  for ((k = 0; k < shards; k++)); do
    clock "shard$k" "$exe" run --manifest "$work/plan/manifest.json" --shard "$k" --no-report --threads 1
  done
  clock merge "$exe" merge "$work/plan" --no-report --threads 1
done

for name in "${names[@]}"; do
  sort -g "$work/t-$name" | awk -v n="$name" '{ v[NR] = $1 } END {
    printf "%-7s min %8.1f ms, median %8.1f ms; all, sorted:", n, v[1], (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    for (i = 1; i <= NR; i++) printf " %.0f", v[i]; print "" }'
done
parts=()
for name in "${names[@]:1}"; do parts+=("$work/t-$name"); done
paste "$work/t-single" "${parts[@]}" | awk '{ s = 0; for (i = 2; i <= NF; i++) s += $i; printf "%.3f %.0f %.0f\n", s / $1, $1, s }' > "$work/ratios"
awk '{ printf "round %d: single run %s ms, plan + shards + merge %s ms, ratio %s\n", NR, $2, $3, $1 }' "$work/ratios"
sort -g "$work/ratios" | awk '{ v[NR] = $1 } END { printf "median ratio of %d rounds: %.3f\n", NR, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
