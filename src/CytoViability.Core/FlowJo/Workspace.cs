namespace CytoViability.Core.FlowJo;

/// <summary>
/// A FlowJo workspace as it was saved: samples with their own gate trees (as applied, custom gates included),
/// group templates, matrices and FlowJo's stored counts. <see cref="Generation"/> is 10 for FlowJo 10 `.wsp`
/// (Workspace@version 20.0) and 9 for FlowJo 9 Mac `.xml` (versions 2.0 and 3.0).
/// </summary>
internal sealed record Workspace(string Source, string Version, int Generation, IReadOnlyList<WorkspaceSample> Samples, IReadOnlyList<WorkspaceGroup> Groups);

/// <summary>
/// One sample: identity (the URI, the node name and $FIL can disagree), FlowJo's per-parameter display transforms,
/// the matrix FlowJo applied, and the root of its gate tree (count = events FlowJo loaded).
/// </summary>
internal sealed record WorkspaceSample(
    string Id,
    string Name,
    string? Uri,
    string? MacAlias,
    IReadOnlyDictionary<string, string> Keywords,
    IReadOnlyDictionary<string, DisplayTransform> Transforms,
    WorkspaceMatrix? Matrix,
    WorkspacePopulation Root,
    string XmlPath)
{
    /// <summary>File names that may hold the sample, most specific first: URI file name, $FIL, node name.</summary>
    public IReadOnlyList<string> FileNameCandidates
    {
        get
        {
            var names = new List<string>();
            if (Uri is { Length: > 0 } uri)
            {
                var last = uri.Replace('\\', '/');
                last = last[(last.LastIndexOf('/') + 1)..];
                names.Add(System.Uri.UnescapeDataString(last));
            }

            if (Keywords.TryGetValue("$FIL", out var fil) && fil.Length > 0)
            {
                names.Add(fil);
            }

            if (Name.Length > 0)
            {
                names.Add(Name);
            }

            return names;
        }
    }

    /// <summary>The $PnN and $PnS names FlowJo recorded for the file (from its keywords).</summary>
    public IReadOnlyList<(string Name, string? Stain)> Parameters
    {
        get
        {
            var parameters = new List<(string, string?)>();
            for (var i = 1; Keywords.TryGetValue("$P" + i + "N", out var name); i++)
            {
                Keywords.TryGetValue("$P" + i + "S", out var stain);
                parameters.Add((name, stain));
            }

            return parameters;
        }
    }
}

/// <summary>A FlowJo group; <see cref="Root"/> holds the group's template gates (their counts are -1: not truth).</summary>
internal sealed record WorkspaceGroup(string Name, IReadOnlyList<string> SampleIds, WorkspacePopulation Root, string XmlPath);

/// <summary>
/// A node of a gate tree. <see cref="Count"/> is FlowJo's stored count (null when absent or -1, i.e. not computed).
/// <see cref="OwningGroup"/> is empty for a gate drawn on this sample only.
/// </summary>
internal sealed record WorkspacePopulation(string Name, long? Count, string OwningGroup, WorkspaceGate? Gate, IReadOnlyList<WorkspacePopulation> Children, string XmlPath);

/// <summary>A compensation matrix: rows spill into columns ($SPILLOVER orientation); FlowJo names compensated parameters prefix + detector + suffix.</summary>
internal sealed record WorkspaceMatrix(string Name, string Prefix, string Suffix, IReadOnlyList<string> Detectors, double[,] Values)
{
    public const string AcquisitionDefined = "Acquisition-defined";

    public bool IsAcquisitionDefined => string.Equals(Name, AcquisitionDefined, StringComparison.OrdinalIgnoreCase);
}
