#!/usr/bin/env bash
# Writes a 5,000-file ADCC experiment for whole-process measurements: example-fcs/adcc's 64 wells copied round-robin
# under new names (S0000_…, S0001_…), each round of 64 a new set of donors (CLL01_3, …) so every donor has its full
# design and killing is computed per donor as in the example. Report5000 (benchmarks/) draws the same 5,000 samples.
# Usage: scripts/adcc-5000.sh DIR [FILES]   (default 5000 files; about 600 MB)
# Then:  /usr/bin/time -v src/CytoViability.Cli/bin/Release/net10.0/cytoviability run DIR --out OUT --threads 2
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: scripts/adcc-5000.sh DIR [FILES]}
files=${2:-5000}
source="$repo/example-fcs/adcc"
mkdir -p "$out"
cp "$source/experiment.yaml" "$out/"
mapfile -t rows < <(tail -n +2 "$source/samples.csv" | sort)
header=$(head -1 "$source/samples.csv")
{
  echo "$header"
  for ((i = 0; i < files; i++)); do
    IFS=, read -r file sample donor rest <<< "${rows[i % ${#rows[@]}]}"
    name=$(printf 'S%04d_%s' "$i" "$sample")
    cp "$source/$file" "$out/$name.fcs"
    echo "$name.fcs,$name,${donor}_$((i / ${#rows[@]})),$rest"
  done
} > "$out/samples.csv"
echo "$files files in $out"
