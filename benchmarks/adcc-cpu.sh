#!/usr/bin/env bash
# Whole-process CPU time (perf stat's task-clock, else user + sys from /usr/bin/time) of issue 15's ADCC batch (64 files × 100,000 events,
# `run --no-report --threads 1`), with the shipped template and with the fixed gates FlowKit ran, for one or more
# builds in alternation: on a machine whose speed moves by a tenth within minutes (docs/performance.md), only runs
# taken side by side compare.
# Usage: benchmarks/adcc-cpu.sh [ROUNDS] [EXECUTABLE...]
# (default 10 rounds; the executables default to the shipped AOT tool of scripts/publish.sh linux-x64). Each round
# runs every executable with each template once, in the order given. The batch is written by the first executable's
# `example` command right before the first round, so its pages sit in the page cache as written (a batch whose pages
# were evicted and read back from disk costs more to read; docs/performance.md, session 13), and `--out` is a fresh
# folder of its own (cleaning up after killed runs lists the output folder's parent). Ends with each series' median.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-10}
shift || true
builds=("$@")
if ((${#builds[@]} == 0)); then builds=("$root/artifacts/publish/linux-x64/cytoviability"); fi
for exe in "${builds[@]}"; do
  [[ -x "$exe" ]] || { echo "not an executable: $exe (build it with scripts/publish.sh linux-x64)" >&2; exit 2; }
done

fixed="$root/tests/data/fixed-templates/adcc-killing.yaml"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"${builds[0]}" example "$scratch/batch" --events 50000 > /dev/null
mkdir "$scratch/out"

# perf's task-clock counts CPU time to the microsecond; /usr/bin/time prints it to 10 ms.
if perf stat -x, -e task-clock -o "$scratch/probe" true 2> /dev/null; then use_perf=1; else use_perf=0; fi

cpu() { # runs a command, prints its CPU seconds (all threads, user and system)
  rm -rf "$scratch/out/adcc"
  # The exit code says whether QC flagged a well, which does not matter here.
  if ((use_perf)); then
    perf stat -x, -e task-clock -o "$scratch/time" "$@" > /dev/null 2>&1 || true
    awk -F, '/task-clock/ { printf "%.3f", $1 / 1000 }' "$scratch/time"
  else
    /usr/bin/time -f "%U %S" -o "$scratch/time" "$@" > /dev/null 2>&1 || true
    awk '{ printf "%.3f", $1 + $2 }' "$scratch/time"
  fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "$rounds rounds of ${#builds[@]} build(s) × 2 templates, CPU by $( ((use_perf)) && echo perf || echo /usr/bin/time); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
  line="[$r]"
  for b in "${!builds[@]}"; do
    shipped=$(cpu "${builds[$b]}" run "$scratch/batch/adcc" --no-report --threads 1 --out "$scratch/out/adcc")
    gates=$(cpu "${builds[$b]}" run "$scratch/batch/adcc" --template "$fixed" --no-report --threads 1 --out "$scratch/out/adcc")
    echo "$shipped" >> "$scratch/shipped-$b"
    echo "$gates" >> "$scratch/fixed-$b"
    line+=" build $b: shipped $shipped s, fixed $gates s;"
  done
  echo "$line"
done
for b in "${!builds[@]}"; do
  echo "median of $rounds, build $b (${builds[$b]}): shipped template $(median < "$scratch/shipped-$b") s, fixed gates $(median < "$scratch/fixed-$b") s"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
