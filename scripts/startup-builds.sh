#!/usr/bin/env bash
# Start-up and whole-run cost of the tool's four builds, measured alternately in one series (issue 15 item 4):
#   jit      `dotnet build -c Release` (framework-dependent, JIT; tiered compilation off as shipped)
#   r2r      ReadyToRun, tiered compilation off (`dotnet pack`'s RID packages before native AOT; still win-x64, osx-arm64)
#   r2r-tc   ReadyToRun with tiered compilation on (the .NET default)
#   aot      native AOT (scripts/pack.sh's linux-x64 package, scripts/publish.sh linux-x64)
# Usage: scripts/startup-builds.sh WORKDIR [RUNS] [ADCC_FOLDER] [LARGE_FCS]
#   WORKDIR      builds go to WORKDIR/{jit,r2r,r2r-tc,aot} (kept: delete one to rebuild it)
#   RUNS         hyperfine runs per command and /usr/bin/time repeats (default 10)
#   ADCC_FOLDER  e.g. /tmp/big/adcc from `cytoviability example /tmp/big --events 50000` (64 files x 100,000 events)
#   LARGE_FCS    e.g. /tmp/large10m.fcs from benchmarks/scripts/make-large-fcs.py (10M events x 12 float32)
# Prints hyperfine's tables (wall) and, per build, mean user + system CPU for `--help` and a one-file run (with the
# report), then `%e %U %S %M` (wall, user, sys, peak RSS KiB) of each ADCC batch (--no-report --threads 1) and each
# `inspect --stats --json`. Report `uptime` beside the figures: the machine is shared.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:?usage: scripts/startup-builds.sh WORKDIR [RUNS] [ADCC_FOLDER] [LARGE_FCS]}
runs=${2:-10}
adcc=${3:-}
large=${4:-}
mkdir -p "$work"
work=$(cd "$work" && pwd)
cli="$repo/src/CytoViability.Cli"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -x "$work/jit/cytoviability" ]; then
  dotnet build "$cli" -c Release -v quiet
  cp -r "$cli/bin/Release/net10.0" "$work/jit"
fi
[ -x "$work/r2r/cytoviability" ] ||
  dotnet publish "$cli" -c Release -r linux-x64 --self-contained false -v quiet -o "$work/r2r"
[ -x "$work/r2r-tc/cytoviability" ] ||
  dotnet publish "$cli" -c Release -r linux-x64 --self-contained false -p:TieredCompilation=true -v quiet -o "$work/r2r-tc"
[ -x "$work/aot/cytoviability" ] ||
  dotnet publish "$cli" -c Release -r linux-x64 -p:PublishAot=true -p:PackAsTool=false -v quiet -o "$work/aot"
builds=(jit r2r r2r-tc aot)

mkdir -p "$work/one"
cp "$(ls "$repo"/example-fcs/viability/*.fcs | head -1)" "$work/one/"
cd "$work"
uptime
help_args=() one_args=()
for b in "${builds[@]}"; do
  help_args+=(-n "$b --help" "$work/$b/cytoviability --help")
  one_args+=(-n "$b run (1 file)" "$work/$b/cytoviability run $work/one --template dioc6-pi-viability --out $work/out-$b")
done
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/help.json" "${help_args[@]}"
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/one.json" --prepare "rm -rf $work/out-jit $work/out-r2r $work/out-r2r-tc $work/out-aot" "${one_args[@]}"
uptime
python3 - "$work/help.json" "$work/one.json" <<'EOF'
import json, sys
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f'{r["command"]:24} wall {r["mean"]:.3f} s  CPU {r["user"] + r["system"]:.3f} s (user {r["user"]:.3f}, sys {r["system"]:.3f})')
EOF

if [ -n "$adcc" ]; then
  echo "ADCC batch, run $adcc --no-report --threads 1: wall user sys peak-KiB"
  for i in $(seq "$runs"); do
    for b in "${builds[@]}"; do
      rm -rf "$work/adcc-$b"
      printf '%-8s ' "$b"
      /usr/bin/time -f '%e %U %S %M' "$work/$b/cytoviability" run "$adcc" --out "$work/adcc-$b" --no-report --threads 1 2>&1 >/dev/null | tail -1
    done
  done
  uptime
fi
if [ -n "$large" ]; then
  echo "inspect $large --stats --json: wall user sys peak-KiB"
  for i in $(seq "$runs"); do
    for b in "${builds[@]}"; do
      printf '%-8s ' "$b"
      /usr/bin/time -f '%e %U %S %M' "$work/$b/cytoviability" inspect "$large" --stats --json 2>&1 >/dev/null | tail -1
    done
  done
  uptime
fi
