#!/usr/bin/env bash
# Instructions, not time: a single run and plan + every shard + merge of the same experiment, each process under
# valgrind's callgrind, which counts the instructions it executes (kernel work such as page faults not included).
# The count does not move with the host's speed, so a difference of a few per cent is real. valgrind cannot run
# AVX-512 code, so the x86-64-v3 build is kept (CYTOVIABILITY_NATIVE_BUILD), and it hides the CPU's SHA instructions,
# so both sides' sha256 runs in software and is most of each count: compare the difference, not the ratio. About
# 40 times slower than a run; sized for small experiments (`cytoviability example /tmp/small --donors 5 --events
# 25000`, then /tmp/small/adcc: 104 files, a minute in all). With a build that keeps its symbols (publish with
# -p:StripSymbols=false, then `objcopy --strip-debug`, since valgrind 3.19 cannot read its DWARF),
# `callgrind_annotate OUT/callgrind.NAME` shows where each process's instructions go (docs/sharding.md, "Cost").
# Usage: benchmarks/scripts/sharded-instructions.sh EXE FOLDER SHARDS OUT [TEMPLATE]
set -euo pipefail
exe=$1 folder=$2 shards=$3 out=$4
template=()
if [[ -n "${5:-}" ]]; then template=(--template "$5"); fi
command -v valgrind > /dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
mkdir -p "$out"
rm -rf "$out/single" "$out/plan"
export CYTOVIABILITY_NATIVE_BUILD=x86-64-v3

count() { # NAME COMMAND...: runs the command under callgrind, prints NAME and its instructions
  local name=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$name" "$@" > /dev/null 2> "$out/valgrind.$name.log"
  local n
  n=$(grep -o 'Collected : [0-9]*' "$out/valgrind.$name.log" | awk '{ print $3 }')
  echo "$name $n"
}

{
  count single "$exe" run "$folder" "${template[@]}" --out "$out/single" --no-report --threads 1
  count plan "$exe" plan "$folder" "${template[@]}" --shards "$shards" --out "$out/plan" --threads 1
  for ((k = 0; k < shards; k++)); do
    count "shard$k" "$exe" run --manifest "$out/plan/manifest.json" --shard "$k" --no-report --threads 1
  done
  count merge "$exe" merge "$out/plan" --no-report --threads 1
} | tee "$out/instructions" | awk '{ printf "%-7s %15.0f instructions\n", $1, $2 }'
awk 'NR == 1 { single = $2; next } { sharded += $2 } END {
  printf "plan + shards + merge: %.0f instructions, %+.0f (%+.2f %%) against the single run\n", sharded, sharded - single, 100 * (sharded - single) / single }' "$out/instructions"
