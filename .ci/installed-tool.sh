#!/usr/bin/env bash
# The .NET tool as a lab installs it: scripts/pack.sh (`dotnet pack`, then linux-x64 again as native AOT), install
# into a tool path, then run from a working folder that has nothing to do with the repository, using shipped
# templates by name. The tests run the JIT build; here the native AOT tool must write the same CSV bytes as the JIT
# build for every example experiment.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/.ci/checks.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/cv-ci-tool-XXXXXX")
trap 'rm -rf "$work"' EXIT

check "scripts/pack.sh makes the CytoViability tool packages" "$repo/scripts/pack.sh" "$work/packages"
check "dotnet tool install from the local package folder" \
  dotnet tool install --tool-path "$work/tools" --add-source "$work/packages" CytoViability
tool="$work/tools/cytoviability"
check "the installed linux-x64 tool is native AOT (an executable, no cytoviability.dll, no symbol file)" \
  bash -c 'test -x "$(find "$0/.store" -type f -name cytoviability | head -1)" && ! find "$0/.store" -name "cytoviability.d*" | grep -q .' "$work/tools"
# Position-dependent (ELF type 2, EXEC, not 3, DYN): with IlcDehydrate off its data needs no rewriting at start, about
# 1,000 fewer page faults per process (CytoViability.Cli.csproj).
check "the installed linux-x64 tool is a position-dependent executable (ELF type EXEC)" \
  bash -c '[ "$(od -An -t u2 -j 16 -N 2 "$(find "$0/.store" -type f -name cytoviability | head -1)" | tr -d " ")" = 2 ]' "$work/tools"
check "the installed linux-x64 tool carries its AVX-512 build, executable" \
  bash -c 'test -x "$(find "$0/.store" -type f -name cytoviability-x86-64-v4 | head -1)"' "$work/tools"
check "dotnet build the JIT build (the code the tests run)" dotnet build "$repo/src/CytoViability.Cli" -c Release -v quiet
jit=(dotnet "$repo/src/CytoViability.Cli/bin/Release/net10.0/cytoviability.dll")

mkdir -p "$work/lab"
cd "$work/lab" || exit 1
check "--help" bash -c '"$0" --help | grep -q "templates"' "$tool"
check "templates lists dioc6-pi-viability with its description" \
  bash -c '"$0" templates | grep -q "^dioc6-pi-viability .*CLL viability (DiOC6/PI): "' "$tool"
check "templates show prints the shipped YAML byte for byte" \
  bash -c 'cmp <("$0" templates show cd5-cd19-purity) "$1/gating-templates/cd5-cd19-purity.yaml"' "$tool" "$repo"
check "example writes the example experiments" "$tool" example examples --donors 2 --events 3000
check "run by experiment.yaml's shipped template name writes report.html" \
  bash -c '"$0" run examples/viability --out out/viability && test -s out/viability/report.html' "$tool"
check "run.json names the shipped template" \
  grep -q '"path": *"shipped:dioc6-pi-viability"' out/viability/run.json
if grep -m1 '^flags' /proc/cpuinfo | grep -qw avx512bw && grep -m1 '^flags' /proc/cpuinfo | grep -qw avx512vl; then expected=x86-64-v4; else expected=x86-64-v3; fi
check "the installed tool's run ran its $expected build on this CPU (run.log)" grep -q "cytoviability [^ ]* (native $expected) run " out/viability/run.log
# Every example experiment without the report, by the AOT tool and by the JIT build: the same exit code and the
# same bytes in every CSV; and one with the report: every file the same but run.json, run.log and
# .cytoviability-output (run id, times, paths).
same_output() {
  local experiment=$1 tool_status jit_status
  shift
  "$tool" run "examples/$experiment" --out "same/aot/$experiment$*" "$@" >/dev/null 2>&1
  tool_status=$?
  "${jit[@]}" run "examples/$experiment" --out "same/jit/$experiment$*" "$@" >/dev/null 2>&1
  jit_status=$?
  [ "$tool_status" -eq "$jit_status" ] || { echo "exit codes differ: AOT $tool_status, JIT $jit_status"; return 1; }
  ls "same/jit/$experiment$*"/*.csv >/dev/null || return 1
  diff -r -q -x run.json -x run.log -x .cytoviability-output "same/jit/$experiment$*" "same/aot/$experiment$*"
}
for experiment in $(ls examples); do
  check "native AOT tool and JIT build write the same CSVs for examples/$experiment" same_output "$experiment" --no-report
done
check "native AOT tool and JIT build write the same report and plots for examples/adcc" same_output adcc
same_output_v3() { CYTOVIABILITY_NATIVE_BUILD=x86-64-v3 same_output "$@"; }
check "the tool's x86-64-v3 build writes the same CSVs as the JIT build for examples/adcc" same_output_v3 adcc --no-report --threads 1
check "run with --template NAME (no experiment.yaml template)" \
  bash -c 'grep -v "^template:" examples/purity/experiment.yaml > e && mv e examples/purity/experiment.yaml && "$0" run examples/purity --template cd5-cd19-purity --out out/purity --no-report && grep -q "\"path\": *\"shipped:cd5-cd19-purity\"" out/purity/run.json' "$tool"
check "templates copy writes the file, refuses to overwrite it" \
  bash -c '"$0" templates copy adcc-killing mine && test -s mine/adcc-killing.yaml && ! "$0" templates copy adcc-killing mine 2>/dev/null' "$tool"
checks_summary
