namespace CytoViability.Core.Tests.Layers;

/// <summary>
/// The dependency rule of docs/DESIGN.md: each folder of the engine uses only the folders listed for it, all of
/// which sit below it, so data flows one way and no step reaches back up. Uses are read from the compiled assembly
/// (<see cref="FolderReferences"/>) and, for the constants it copies as bare values, from the source
/// (<see cref="FolderSourceReferences"/>).
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
        ["Hashing"] = ["Fcs"],
        ["Compensation"] = ["Fcs"],
        ["Gating"] = ["Fcs", "Compensation", "Transforms"],
        ["Statistics"] = ["Fcs", "Compensation", "Transforms", "Gating"],
        ["Placement"] = ["Fcs", "Compensation", "Transforms", "Gating", "Statistics"],

        // QC judges into its rows; the tables are written from QC's rows and the assays' rows.
        ["Qc"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics"],
        ["Output"] = ["Files", "Csv", "Qc"],

        // What the scientist writes, compiled to Gating's model (never the tables).
        ["Templates"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Placement", "Qc"],
        ["GatingMl"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Templates"],
        ["Experiments"] = ["Files", "Csv", "Fcs", "Qc", "Templates"],

        // Across wells, as the compiled template asks, into the tables' rows.
        ["Assays"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Qc", "Output", "Templates"],

        // Whole FlowJo workspaces compile to the same model and gate with it, beside the conductor, never through it.
        ["FlowJo"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Placement", "Qc", "Output", "Templates", "GatingMl"],

        // Gate positions computed from a run's data: the placement methods on a planned experiment's compiled template.
        ["GatePositions"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Gating", "Statistics", "Placement", "Qc", "Templates", "Experiments"],

        // The conductor, and what stands on whole runs.
        ["Runs"] = ["Files", "Csv", "Fcs", "Hashing", "Compensation", "Transforms", "Gating", "Statistics", "Placement", "Qc", "Assays", "Output", "Templates", "GatingMl", "Experiments", "GatePositions"],
        ["Examples"] = ["Files", "Csv", "Fcs", "Compensation", "Transforms", "Statistics", "Output", "Experiments"],
        ["Library"] = ["Files", "Csv", "Fcs", "Hashing", "Compensation", "Transforms", "Gating", "Statistics", "Placement", "Qc", "Assays", "Output", "Templates", "GatingMl", "Experiments", "GatePositions", "Runs"],
    };

    private static readonly IReadOnlyDictionary<(string From, string To), string> CompiledUses =
        FolderReferences.Read(typeof(CytoViabilityException).Assembly.Location);

    private static readonly IReadOnlyDictionary<(string From, string To), string> SourceUses = FolderSourceReferences.Read(
        Path.Combine(TestPaths.RepositoryRoot, "src", "CytoViability.Core"), FolderSourceReferences.TypesByFolder(typeof(CytoViabilityException).Assembly));

    /// <summary>Every use either reader finds, with the compiled code's example where both find one.</summary>
    private static readonly IReadOnlyDictionary<(string From, string To), string> Uses =
        CompiledUses.Concat(SourceUses.Where(use => !CompiledUses.ContainsKey(use.Key))).ToDictionary();

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

    [Fact]
    public void TheSourceReader_SeesAConstantOrEnumValue_ThatTheCompiledCodeCopiesAsABareValue()
    {
        var folder = Directory.CreateTempSubdirectory("cv-layers-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "Discovery.cs"), """
                namespace CytoViability.Core.Experiments;

                // Output.OutputGeneration in a comment is no use, nor is "Qc.QcStatus" in a string.
                internal static class Discovery
                {
                    public const string Marker = Files.OutputMarker.FileName;
                    public static object Status => CytoViability.Core.Qc.QcStatus.Warn;
                }
                """);
            File.WriteAllText(Path.Combine(folder.FullName, "Rows.cs"), "using CytoViability.Core.Output;\n\nnamespace CytoViability.Core.Templates;\n");
            var types = FolderSourceReferences.TypesByFolder(typeof(CytoViabilityException).Assembly);

            var uses = FolderSourceReferences.Read(folder.FullName, types);

            Assert.Equal([("Experiments", "Files"), ("Experiments", "Qc"), ("Templates", "Output")], uses.Keys);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
