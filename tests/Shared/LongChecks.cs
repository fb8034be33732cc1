namespace CytoViability.Tests;

/// <summary>
/// Checks whose whole matrix is long (every example split into 1, 2 and 7 shards, …) run a part of it in the
/// README's test command, chosen so that every case kind is still met; CI's separate step <c>.ci/long-checks.sh</c>
/// sets <c>CYTOVIABILITY_TEST_BUDGET=long</c> and runs all of it (the fuzz tests have their own budget,
/// <c>CYTOVIABILITY_FUZZ_BUDGET</c>).
/// </summary>
internal static class LongChecks
{
    public static bool Enabled => string.Equals(Environment.GetEnvironmentVariable("CYTOVIABILITY_TEST_BUDGET"), "long", StringComparison.OrdinalIgnoreCase);
}
