using Xunit.Sdk;
using Xunit.v3;

namespace CytoViability.Tests;

/// <summary>
/// Starts the test classes that take longest first, so that the short ones fill the cores at the end instead of one
/// long class running alone (xunit runs two collections at a time on two cores and starts them in this order).
/// The list is each assembly's costliest classes as measured (docs/performance.md, "Test time"); a class not listed keeps
/// xunit's order after them, so a renamed class only loses its head start.
/// </summary>
internal sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        // CytoViability.Cli.Tests
        "example runs", // ExampleRunTests, SameRunSameBytesTests and ShardedExampleRunTests
        "CytoViability.Cli.Tests.Hostile.RunUnderFaultTests",
        "CytoViability.Cli.Tests.Hostile.OutputFolderAttackTests",
        "CytoViability.Cli.Tests.Hostile.HostileRunContentTests",
        "CytoViability.Cli.Tests.Slurm.SlurmCommandTests",
        "CytoViability.Cli.Tests.Examples.ExampleCommandTests",

        // CytoViability.Core.Tests
        "CytoViability.Core.Tests.Runs.ComputedGatesOnNewSetUpsTests",
        "CytoViability.Core.Tests.Hostile.TemplateFuzzTests",
        "CytoViability.Core.Tests.Fcs.BadInputTests",
        "CytoViability.Core.Tests.Hostile.FcsReaderFuzzTests",
        "CytoViability.Core.Tests.Hostile.DeepGateChainTests",
        "CytoViability.Core.Tests.FlowJo.FlowJoAuditTests",
        "CytoViability.Core.Tests.Runs.GatePositionRunTests",

        // CytoViability.Reports.Tests: the example report's run (its fixture starts chromium and loads its pages)
        "CytoViability.Reports.Tests.Browser.ReportInBrowserTests",
    ];

    /// <summary>The listed classes' collections in list order, then the others in xunit's order (OrderBy is stable).</summary>
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection
        => [.. testCollections.OrderBy(collection => Rank(collection))];

    /// <summary>
    /// Position in <see cref="Longest"/> of the collection: a named one, or a class's own (xunit v3 calls it
    /// "Test collection for CLASS (id: HASH)").
    /// </summary>
    private static int Rank(ITestCollection collection)
    {
        var name = collection.TestCollectionDisplayName.Replace("Test collection for ", string.Empty, StringComparison.Ordinal);
        var id = name.IndexOf(" (id: ", StringComparison.Ordinal);
        var index = Array.IndexOf(Longest, id < 0 ? name : name[..id]);
        return index < 0 ? Longest.Length : index;
    }
}
