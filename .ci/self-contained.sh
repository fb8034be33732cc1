#!/usr/bin/env bash
# The self-contained linux-x64 executable as a lab PC without .NET gets it: published by scripts/publish.sh (native
# AOT: the executable and SkiaSharp's and HarfBuzz's libraries), its folder copied to one outside the repository,
# run with no `dotnet` on PATH (and no DOTNET_* variables).
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/.ci/checks.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/cv-ci-exe-XXXXXX")
trap 'rm -rf "$work"' EXIT

check "scripts/publish.sh linux-x64" "$repo/scripts/publish.sh" linux-x64
mkdir -p "$work/pc/home" "$work/pc/empty-path"
check "the linux-x64 folder is the native executable, its AVX-512 build and the plots' two libraries, nothing else" \
  bash -c 'diff <(cd "$0" && ls) <(printf "%s\n" cytoviability cytoviability-x86-64-v4 libHarfBuzzSharp.so libSkiaSharp.so)' "$repo/artifacts/publish/linux-x64"
cp "$repo/artifacts/publish/linux-x64/"* "$work/pc/"
cd "$work/pc" || exit 1
# A bare environment: PATH holds an empty folder, so neither dotnet nor anything else is found.
bare() { env -i HOME="$work/pc/home" PATH="$work/pc/empty-path" "$@"; }
check "no dotnet on the bare PATH" bash -c '! env -i PATH="$0" bash -c "command -v dotnet" >/dev/null' "$work/pc/empty-path"
check "--help" bash -c 'env -i HOME="$1/home" PATH="$1/empty-path" ./cytoviability --help > help.txt && grep -q "templates" help.txt' _ "$work/pc"
check "example" bare ./cytoviability example examples --donors 2 --events 3000
check "run writes report.html with the plots (SkiaSharp's native library came along)" \
  bash -c 'env -i HOME="$1/home" PATH="$1/empty-path" ./cytoviability run examples/adcc --out out/adcc && test -s out/adcc/report.html && ls out/adcc/plots/killing/*.png >/dev/null' _ "$work/pc"
check "run.json names the shipped template" grep -q '"path": *"shipped:adcc-killing"' out/adcc/run.json
# The x86-64-v3 executable hands over to the AVX-512 build for run, plan, inspect and export where the kernel lists
# AVX-512 (NativeBuilds.cs): --version says so, run.log names the build that gated, CYTOVIABILITY_NATIVE_BUILD=x86-64-v3
# keeps the first, and both write the same bytes.
if grep -m1 '^flags' /proc/cpuinfo | grep -qw avx512bw && grep -m1 '^flags' /proc/cpuinfo | grep -qw avx512vl; then
  expected=x86-64-v4
  check "--version says run (not a shard's), plan, inspect and export run the x86-64-v4 build on this CPU" \
    bash -c 'env -i PATH="$1/empty-path" ./cytoviability --version | grep -qF "(native x86-64-v3; run (not a shard'"'"'s), plan, inspect, export run the x86-64-v4 build on this CPU)"' _ "$work/pc"
else
  expected=x86-64-v3
  check "--version names the x86-64-v3 build on this CPU" bash -c 'env -i PATH="$1/empty-path" ./cytoviability --version | grep -q "(native x86-64-v3)\$"' _ "$work/pc"
fi
check "run.log names the $expected build" grep -q "cytoviability [^ ]* (native $expected) run " out/adcc/run.log
check "CYTOVIABILITY_NATIVE_BUILD=x86-64-v3 keeps the x86-64-v3 build" \
  bash -c 'env -i PATH="$1/empty-path" CYTOVIABILITY_NATIVE_BUILD=x86-64-v3 ./cytoviability --version | grep -q "(native x86-64-v3)\$"' _ "$work/pc"
check "the x86-64-v3 build writes the same CSVs and report as the $expected build" \
  bash -c 'env -i HOME="$1/home" PATH="$1/empty-path" CYTOVIABILITY_NATIVE_BUILD=x86-64-v3 ./cytoviability run examples/adcc --out out/adcc-v3 >/dev/null; grep -q "(native x86-64-v3) run " out/adcc-v3/run.log && diff -r -q -x run.json -x run.log -x .cytoviability-output out/adcc out/adcc-v3' _ "$work/pc"
checks_summary
