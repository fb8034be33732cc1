#!/usr/bin/env bash
# The .NET tool as a lab installs it: `dotnet pack`, install into a tool path, then run from a working folder that
# has nothing to do with the repository, using shipped templates by name.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/.ci/checks.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/cv-ci-tool-XXXXXX")
trap 'rm -rf "$work"' EXIT

check "dotnet pack makes the CytoViability tool package" \
  dotnet pack "$repo/src/CytoViability.Cli" -c Release -o "$work/packages" -v quiet
check "dotnet tool install from the local package folder" \
  dotnet tool install --tool-path "$work/tools" --add-source "$work/packages" CytoViability
tool="$work/tools/cytoviability"

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
check "run with --template NAME (no experiment.yaml template)" \
  bash -c 'grep -v "^template:" examples/purity/experiment.yaml > e && mv e examples/purity/experiment.yaml && "$0" run examples/purity --template cd5-cd19-purity --out out/purity --no-report && grep -q "\"path\": *\"shipped:cd5-cd19-purity\"" out/purity/run.json' "$tool"
check "templates copy writes the file, refuses to overwrite it" \
  bash -c '"$0" templates copy adcc-killing mine && test -s mine/adcc-killing.yaml && ! "$0" templates copy adcc-killing mine 2>/dev/null' "$tool"
checks_summary
