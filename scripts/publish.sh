#!/usr/bin/env bash
# Self-contained single-file executables of the CLI for lab PCs without a .NET SDK or runtime.
#   scripts/publish.sh [RID ...]      default: linux-x64 win-x64 osx-arm64
# Writes artifacts/publish/<RID>/cytoviability[.exe]. The .NET runtime packs (and the ReadyToRun compiler) come
# from NuGet. SkiaSharp's and HarfBuzz's native libraries (ScottPlot's plots) are bundled into the file and
# extracted on first start (IncludeNativeLibrariesForSelfExtract). ReadyToRun precompiles the code so start-up
# does not wait for the JIT; it cross-compiles from Linux for all three targets.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  rids=(linux-x64 win-x64 osx-arm64)
fi

for rid in "${rids[@]}"; do
  out="artifacts/publish/$rid"
  rm -rf "$out"
  dotnet publish src/CytoViability.Cli -c Release -r "$rid" --self-contained true -o "$out" \
    -p:PublishSingleFile=true \
    -p:IncludeNativeLibrariesForSelfExtract=true \
    -p:PublishReadyToRun=true \
    -p:DebugType=none \
    -p:PackAsTool=false
  ls -l "$out"
done
