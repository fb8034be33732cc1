#!/usr/bin/env bash
# The CytoViability .NET tool packages, as shipped: `dotnet pack` (the pointer package CytoViability, ReadyToRun
# packages for linux-x64, win-x64 and osx-arm64, the portable JIT package `any`), then, on a linux-x64 machine, the
# linux-x64 package again as native AOT in its place (no JIT at start-up; README, Packages and start-up).
#   scripts/pack.sh [OUTDIR]      default: artifacts/packages
# Native AOT needs a C toolchain to link (clang, or gcc, and zlib1g-dev on Debian); ILCompiler itself comes from
# NuGet. Without them, or on another platform, the ReadyToRun linux-x64 package stays and the script says so.
# The AOT executable needs AVX2 (x86-64-v3, the csproj); AOT_INSTRUCTION_SET=x86-64-v2 scripts/pack.sh builds it for
# older x64 CPUs (slower vector code); on a CPU without AVX2 the x86-64-v3 executable aborts at start (exit code 134).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=${1:-artifacts/packages}

dotnet pack src/CytoViability.Cli -c Release -o "$out"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "pack.sh: not a linux-x64 machine: the packages are ReadyToRun (native AOT compiles only for its own platform)" >&2
  exit 0
fi
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  echo "pack.sh: no clang or gcc: the linux-x64 package stays ReadyToRun (apt-get install clang zlib1g-dev)" >&2
  exit 0
fi
# The same package id and version as the ReadyToRun linux-x64 package: this one replaces it in OUTDIR.
isa=()
if [ -n "${AOT_INSTRUCTION_SET:-}" ]; then isa=("-p:IlcInstructionSet=$AOT_INSTRUCTION_SET"); fi
# The AVX-512 build goes into the package beside the executable (CytoViability.Cli.csproj, Avx512Executable), unless
# AOT_INSTRUCTION_SET chose one level for the whole package.
v4=()
if [ -z "${AOT_INSTRUCTION_SET:-}" ]; then
  v4dir=$(mktemp -d)
  trap 'rm -rf "$v4dir"' EXIT
  dotnet publish src/CytoViability.Cli -c Release -r linux-x64 -o "$v4dir" -p:PublishAot=true -p:IlcInstructionSet=x86-64-v4 \
    -p:NativeIntermediateOutputPath=obj/Release/net10.0/linux-x64/native-x86-64-v4/ -p:DebugType=none -p:PackAsTool=false
  v4=("-p:Avx512Executable=$v4dir/cytoviability")
fi
dotnet pack src/CytoViability.Cli -c Release -r linux-x64 -p:PublishAot=true "${isa[@]}" "${v4[@]}" -o "$out"
