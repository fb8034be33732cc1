#!/usr/bin/env bash
# The fuzz and mutation tests at their long budget (the README's test command runs them short; docs/fuzzing.md).
# Each test class is one check; ends with "checks: N passed, N failed" for .ci/run.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/.ci/checks.sh"
export CYTOVIABILITY_FUZZ_BUDGET=long

fuzz() {
  dotnet test --project "$repo/tests/CytoViability.Core.Tests" -c Release --filter "FullyQualifiedName~CytoViability.Core.Tests.Hostile.$1"
}

check "FCS reader: 24,000 mutants read or refused with file, segment and offset" fuzz FcsReaderFuzzTests
check "templates and experiment.yaml: 4,000 mutants refused at a line and column" fuzz TemplateFuzzTests
check "shipped templates: 400 mutants each give a template or positioned problems" \
  dotnet test --project "$repo/tests/CytoViability.Core.Tests" -c Release --filter "FullyQualifiedName~CytoViability.Core.Tests.Templates.TemplateMutationTests"
checks_summary
