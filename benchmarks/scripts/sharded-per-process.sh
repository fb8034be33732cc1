#!/usr/bin/env bash
# Each process of a single run and of a sharded run measured alone, in interleaved rounds (single run, plan, every
# shard, merge, then the next round). Prints each process's minimum and median, and each round's plan + shards +
# merge against its single run (docs/sharding.md, "Cost").
# Usage: benchmarks/scripts/sharded-per-process.sh EXE FOLDER SHARDS ROUNDS [TEMPLATE]
#   e.g. benchmarks/scripts/sharded-per-process.sh artifacts/publish/linux-x64/cytoviability /tmp/fac/adcc 2 9
# By default the measure is `perf stat`'s task-clock (CPU time of all the process's threads, in ms), so a host whose
# speed drifts shows as scattered rounds rather than as one number.
# INSTRUCTIONS=1 counts the instructions each process executes instead, under valgrind's callgrind (kernel work such
# as page faults not included): a count the host's speed cannot move, so one round says it and a difference of a few
# per cent is real. valgrind cannot run AVX-512 code, so the x86-64-v3 build is kept (CYTOVIABILITY_NATIVE_BUILD),
# and it hides the CPU's SHA instructions, so both sides' sha256 runs in software and is most of each count: compare
# the difference, not the ratio. About 40 times slower than a run; sized for small experiments (`cytoviability
# example /tmp/small --donors 5 --events 25000`, then /tmp/small/adcc: 104 files, a minute). KEEP=DIR keeps each
# process's callgrind.NAME there: with a build that keeps its symbols (publish with -p:StripSymbols=false, then
# `objcopy --strip-debug`, as valgrind 3.19 cannot read its DWARF), `callgrind_annotate` shows where they go.
set -euo pipefail
exe=$1 folder=$2 shards=$3 rounds=$4
template=()
if [[ -n "${5:-}" ]]; then template=(--template "$5"); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
keep=${KEEP:-$work}
mkdir -p "$keep"
if [[ -n "${INSTRUCTIONS:-}" ]]; then
  command -v valgrind > /dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
  export CYTOVIABILITY_NATIVE_BUILD=x86-64-v3
  unit=instructions
else
  unit=ms
fi

measure() { # NAME COMMAND...: runs the command alone, appends its task-clock ms or its instructions to $work/t-NAME
  local name=$1; shift
  if [[ -n "${INSTRUCTIONS:-}" ]]; then
    valgrind --tool=callgrind --callgrind-out-file="$keep/callgrind.$name" "$@" > /dev/null 2> "$work/log"
    grep -o 'Collected : [0-9]*' "$work/log" | awk '{ print $3 }' >> "$work/t-$name"
  else
    perf stat -x, -e task-clock -o "$work/stat" "$@" > /dev/null 2>&1
    grep task-clock "$work/stat" | cut -d, -f1 >> "$work/t-$name"
  fi
}

names=(single plan)
for ((k = 0; k < shards; k++)); do names+=("shard$k"); done
names+=(merge)
for ((r = 0; r < rounds; r++)); do
  rm -rf "$work/out" "$work/plan"
  measure single "$exe" run "$folder" "${template[@]}" --out "$work/out" --no-report --threads 1
  measure plan "$exe" plan "$folder" "${template[@]}" --shards "$shards" --out "$work/plan" --threads 1
  for ((k = 0; k < shards; k++)); do
    measure "shard$k" "$exe" run --manifest "$work/plan/manifest.json" --shard "$k" --no-report --threads 1
  done
  measure merge "$exe" merge "$work/plan" --no-report --threads 1
done

for name in "${names[@]}"; do
  sort -g "$work/t-$name" | awk -v n="$name" -v u="$unit" '{ v[NR] = $1 } END {
    f = (u == "ms") ? "%.1f" : "%.0f"
    printf "%-7s min " f " %s, median " f " %s; all, sorted:", n, v[1], u, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, u
    for (i = 1; i <= NR; i++) printf " %.0f", v[i]; print "" }'
done
parts=()
for name in "${names[@]:1}"; do parts+=("$work/t-$name"); done
paste "$work/t-single" "${parts[@]}" | awk '{ s = 0; for (i = 2; i <= NF; i++) s += $i; printf "%.4f %.0f %.0f\n", s / $1, $1, s }' > "$work/ratios"
awk -v u="$unit" '{ printf "round %d: single run %s %s, plan + shards + merge %s %s (%+.2f %%)\n", NR, $2, u, $3, u, 100 * ($1 - 1) }' "$work/ratios"
sort -g "$work/ratios" | awk '{ v[NR] = $1 } END { printf "median ratio of %d rounds: %.3f\n", NR, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
