#!/usr/bin/env bash
# Coverage-guided fuzzing with SharpFuzz + AFL++ (docs/fuzzing.md).
# usage: fuzz/afl.sh [fcs|template] [MINUTES] [WORKDIR]
# Needs afl-fuzz (Debian package afl++) and the sharpfuzz tool (dotnet tool SharpFuzz.CommandLine 2.3.0).
set -euo pipefail
target=${1:-fcs}
minutes=${2:-20}
work=${3:-/tmp/cytoviability-afl-$target}
repo=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$PATH:$HOME/.dotnet/tools"
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 1; }
command -v sharpfuzz >/dev/null || dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0

rm -rf "$work" && mkdir -p "$work/seeds"
dotnet publish "$repo/fuzz/CytoViability.Fuzz" -c Release -o "$work/build" -v quiet
# Instrument only the code under test: AFL++ then sees the reader's branches, not the runtime's.
sharpfuzz "$work/build/CytoViability.Core.dll"

case "$target" in
  # The seed corpus (tests/data/fcs shrunk) is written by the build inside the repository.
  fcs) dotnet run --project "$repo/fuzz/CytoViability.Fuzz" -c Release -- seeds "$work/seeds"; dictionary=(-x "$repo/fuzz/fcs.dict") ;;
  template) cp "$repo"/gating-templates/*.yaml "$work/seeds/"; dictionary=() ;;
  *) echo "target must be fcs or template" >&2; exit 1 ;;
esac

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
# -t: a read taking over 5 s is a hang; -m none: the .NET runtime reserves far more address space than it uses.
nice -n 10 afl-fuzz -i "$work/seeds" -o "$work/findings" "${dictionary[@]}" -t 5000 -m none -V $((minutes * 60)) \
  -- dotnet "$work/build/CytoViability.Fuzz.dll" "$target" > "$work/afl.log" 2>&1 || true

stats="$work/findings/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)' "$stats"
ls "$work/findings/default/crashes" "$work/findings/default/hangs" 2>/dev/null | grep -v README || true
