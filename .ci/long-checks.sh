#!/usr/bin/env bash
# The test matrices that are long at full size (the README's test command runs a part of each; tests/Shared/LongChecks.cs).
# Each test class is one check; ends with "checks: N passed, N failed" for .ci/run.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/.ci/checks.sh"
export CYTOVIABILITY_TEST_BUDGET=long

core() {
  dotnet test --project "$repo/tests/CytoViability.Core.Tests" -c Release --filter "FullyQualifiedName~CytoViability.Core.Tests.$1"
}

cli() {
  dotnet test --project "$repo/tests/CytoViability.Cli.Tests" -c Release --filter "FullyQualifiedName~CytoViability.Cli.Tests.$1"
}

check "every example split into 1, 2 and 7 shards merges into the single run's bytes" cli Sharding.ShardedExampleRunTests
check "shipped templates recover the truth on all five random cytometer set-ups of every design" core Runs.ComputedGatesOnNewSetUpsTests
checks_summary
