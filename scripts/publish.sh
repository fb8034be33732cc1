#!/usr/bin/env bash
# Self-contained executables of the CLI for lab PCs without a .NET SDK or runtime.
#   scripts/publish.sh [RID ...]      default: linux-x64 win-x64 osx-arm64
# Writes artifacts/publish/<RID>/. The .NET runtime packs, ReadyToRun's and native AOT's compilers come from NuGet.
# linux-x64 (on a linux-x64 machine): native AOT, one executable `cytoviability` beside SkiaSharp's and HarfBuzz's
# native libraries (ScottPlot's plots; AOT cannot carry them inside), so the folder is what a PC gets; no JIT at
# start-up. Linking needs clang or gcc and zlib1g-dev. The executable needs AVX2 (x86-64-v3; without it, it aborts at
# start with exit code 134): AOT_INSTRUCTION_SET=x86-64-v2 scripts/publish.sh linux-x64 builds it for older x64 CPUs.
# Beside it, `cytoviability-x86-64-v4`: the same program compiled for AVX-512, which the first runs instead where the
# CPU and the kernel support it (src/CytoViability.Cli/NativeBuilds.cs); not built when AOT_INSTRUCTION_SET is set.
# Elsewhere, and for win-x64 and osx-arm64 (ILCompiler does not cross-compile): one ReadyToRun file
# `cytoviability[.exe]` with the runtime and the native libraries inside, extracted on first start
# (IncludeNativeLibrariesForSelfExtract); ReadyToRun cross-compiles from Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  rids=(linux-x64 win-x64 osx-arm64)
fi

aot_here=false
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && { command -v clang || command -v gcc; } >/dev/null 2>&1; then
  aot_here=true
elif [[ " ${rids[*]} " == *" linux-x64 "* ]]; then
  echo "publish.sh: linux-x64 as one ReadyToRun file: native AOT needs a linux-x64 machine with clang or gcc" >&2
fi

for rid in "${rids[@]}"; do
  out="artifacts/publish/$rid"
  rm -rf "$out"
  if [ "$rid" = linux-x64 ] && $aot_here; then
    # DebugType=none: no .pdb of the libraries and no separate .dbg symbol file beside the executable.
    dotnet publish src/CytoViability.Cli -c Release -r "$rid" -o "$out" \
      -p:PublishAot=true \
      ${AOT_INSTRUCTION_SET:+"-p:IlcInstructionSet=$AOT_INSTRUCTION_SET"} \
      -p:DebugType=none \
      -p:PackAsTool=false
    if [ -z "${AOT_INSTRUCTION_SET:-}" ]; then
      # The same program for AVX-512 CPUs beside it; the x86-64-v3 executable hands over to it where the CPU and
      # the kernel support AVX-512 (NativeBuilds.cs). Its own native intermediate folder, so neither build's object
      # file is taken for the other's.
      v4=$(mktemp -d)
      dotnet publish src/CytoViability.Cli -c Release -r "$rid" -o "$v4" \
        -p:PublishAot=true \
        -p:IlcInstructionSet=x86-64-v4 \
        -p:NativeIntermediateOutputPath=obj/Release/net10.0/linux-x64/native-x86-64-v4/ \
        -p:DebugType=none \
        -p:PackAsTool=false
      cp "$v4/cytoviability" "$out/cytoviability-x86-64-v4"
      rm -rf "$v4"
    fi
  else
    dotnet publish src/CytoViability.Cli -c Release -r "$rid" --self-contained true -o "$out" \
      -p:PublishSingleFile=true \
      -p:IncludeNativeLibrariesForSelfExtract=true \
      -p:PublishReadyToRun=true \
      -p:DebugType=none \
      -p:PackAsTool=false
  fi
  ls -l "$out"
done
