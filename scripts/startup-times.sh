#!/usr/bin/env bash
# Whole-process start-up times with hyperfine (apt-get install hyperfine): `--help` and a run of one FCS file
# (example-fcs/viability's first file, shipped template by name, with the report), for
#   exe    the self-contained executable (scripts/publish.sh linux-x64 first: native AOT on a linux-x64 machine)
#   tool   the installed .NET tool (scripts/pack.sh + dotnet tool install --tool-path)
# (scripts/startup-builds.sh compares the JIT, ReadyToRun and native AOT builds themselves.)
#   run    `dotnet run --project src/CytoViability.Cli -c Release --` (the developer's command; build up to date)
# Usage: scripts/startup-times.sh [RUNS]   (default 10 runs per command, 2 warm-ups)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/cv-startup-XXXXXX")
trap 'rm -rf "$work"' EXIT

exe="$repo/artifacts/publish/linux-x64/cytoviability"
[ -x "$exe" ] || { echo "run scripts/publish.sh linux-x64 first" >&2; exit 1; }
"$repo/scripts/pack.sh" "$work/packages" >/dev/null
dotnet tool install --tool-path "$work/tools" --add-source "$work/packages" CytoViability >/dev/null
dotnet build "$repo/src/CytoViability.Cli" -c Release -v quiet >/dev/null
tool="$work/tools/cytoviability"
run="dotnet run --no-launch-profile --project $repo/src/CytoViability.Cli -c Release --"

mkdir -p "$work/one"
cp "$(ls "$repo"/example-fcs/viability/*.fcs | head -1)" "$work/one/"
one="run $work/one --template dioc6-pi-viability --out $work/out"

cd "$work"
hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/help.md" \
  -n "exe --help" "$exe --help" -n "tool --help" "$tool --help" -n "dotnet run --help" "$run --help"
hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/one.md" --prepare "rm -rf $work/out" \
  -n "exe run (1 file)" "$exe $one" -n "tool run (1 file)" "$tool $one" -n "dotnet run run (1 file)" "$run $one"
cat "$work/help.md" "$work/one.md"
