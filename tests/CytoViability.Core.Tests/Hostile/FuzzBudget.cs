using System.Globalization;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// How many mutants a fuzz test draws. The README's test command runs a short budget so the suite stays quick;
/// CI's separate step <c>.ci/fuzz-long.sh</c> sets <c>CYTOVIABILITY_FUZZ_BUDGET=long</c> for the long one, and
/// <c>CYTOVIABILITY_FUZZ_MUTANTS</c> asks for any count (docs/fuzzing.md).
/// </summary>
internal static class FuzzBudget
{
    public static bool Long => string.Equals(Environment.GetEnvironmentVariable("CYTOVIABILITY_FUZZ_BUDGET"), "long", StringComparison.OrdinalIgnoreCase);

    /// <summary>The asked count when <c>CYTOVIABILITY_FUZZ_MUTANTS</c> is set, else the short or the long budget.</summary>
    public static int Mutants(int shortBudget, int longBudget)
        => int.TryParse(Environment.GetEnvironmentVariable("CYTOVIABILITY_FUZZ_MUTANTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0
            ? asked
            : Long ? longBudget : shortBudget;
}
