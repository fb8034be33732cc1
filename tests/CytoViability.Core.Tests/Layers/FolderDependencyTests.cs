namespace CytoViability.Core.Tests.Layers;

/// <summary>
/// The dependency rule of docs/DESIGN.md: each folder of the engine uses only the folders listed for it, all of
/// which sit below it, so data flows one way and no step reaches back up.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>For each folder, the folders it may use (the shared root types are open to all).</summary>
    private static readonly Dictionary<string, string[]> MayUse = new(StringComparer.Ordinal)
    {
        // The shared bottom: file access inside the experiment folder, CSV, the FCS format, curves.
        ["Files"] = [],
        ["Csv"] = [],
        ["Fcs"] = [],
        ["Transforms"] = [],

        // The data flow, each step on the ones before it.
        ["Compensation"] = ["Fcs"],
        ["Gating"] = ["Fcs", "Compensation", "Transforms"],
        ["Statistics"] = ["Fcs", "Compensation", "Transforms", "Gating"],
        ["Placement"] = ["Fcs", "Compensation", "Transforms", "Gating", "Statistics"],

        // The tables' rows and folders; QC judges into them, assays compute and judge into them.
        ["Output"] = ["Files", "Csv", "Fcs"],
        ["Qc"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Output"],
        ["Assays"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Qc", "Output"],

        // What the scientist writes, compiled to Gating's model.
        ["Templates"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Placement", "Qc", "Assays", "Output"],
        ["GatingMl"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Templates"],
        ["Experiments"] = ["Files", "Csv", "Fcs", "Qc", "Output", "Templates"],

        // The conductor, and what stands on whole runs.
        ["Runs"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Placement", "Qc", "Assays", "Output", "Templates", "GatingMl", "Experiments"],
        ["FlowJo"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Placement", "Qc", "Assays", "Output", "Templates", "GatingMl", "Experiments", "Runs"],
        ["Examples"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Statistics", "Output", "Experiments"],
        ["Library"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Placement", "Qc", "Assays", "Output", "Templates", "GatingMl", "Experiments", "Runs"],
    };

    private static readonly IReadOnlyDictionary<(string From, string To), string> Uses =
        FolderReferences.Read(typeof(CytoViabilityException).Assembly.Location);

    [Fact]
    public void EveryFolderOfTheEngine_UsesOnlyTheFoldersTheRuleAllowsIt()
    {
        var broken = Uses
            .Where(use => !MayUse.TryGetValue(use.Key.From, out var allowed) || !allowed.Contains(use.Key.To))
            .Select(use => use.Key.From + " -> " + use.Key.To + " (" + use.Value + ")")
            .ToList();

        Assert.True(broken.Count == 0, "folders reaching where the rule does not let them:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void TheRule_HasNoCycle_SoEveryFolderSitsBelowTheOnesThatUseIt()
    {
        var placed = new List<string>();
        while (placed.Count < MayUse.Count)
        {
            var next = MayUse.Where(rule => !placed.Contains(rule.Key) && rule.Value.All(placed.Contains)).Select(rule => rule.Key).Order(StringComparer.Ordinal).ToList();
            Assert.True(next.Count > 0, "the rule has a cycle among " + string.Join(", ", MayUse.Keys.Except(placed)));
            placed.AddRange(next);
        }
    }

    [Fact]
    public void TheRule_NamesEveryFolderTheAssemblyHas()
    {
        var folders = Uses.Keys.SelectMany(use => new[] { use.From, use.To }).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(folders, MayUse.Keys.Where(folders.Contains).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheReader_SeesUsesThatOnlyTheCompiledCodeShows()
    {
        // Runs conducts the whole flow, so the reader must find it using Fcs, Gating and Output; a reader that
        // found nothing would let every rule pass.
        Assert.Contains(("Runs", "Fcs"), Uses.Keys);
        Assert.Contains(("Runs", "Gating"), Uses.Keys);
        Assert.Contains(("Runs", "Output"), Uses.Keys);
        Assert.DoesNotContain(Uses.Keys, use => use.From == "Fcs");
    }
}
