namespace CytoViability.Core.Templates;

/// <summary>
/// One thing wrong in what the scientist set up — a template, experiment.yaml, the sample sheet, the experiment or
/// output folder, a shard plan — naming the file, and the line and column to edit when the problem sits at one place.
/// A problem with the whole file (missing, too large, unreadable) or with a folder has no <see cref="Position"/>.
/// </summary>
internal sealed record ConfigurationProblem(string File, TextPosition? Position, string Message)
{
    /// <summary>A problem with the whole of <paramref name="file"/> (or folder), not at one line of it.</summary>
    public static ConfigurationProblem Of(string file, string message) => new(file, null, message);

    public override string ToString() => File + (Position is { } at ? ":" + at.Line + ":" + at.Column : string.Empty) + ": error: " + Message;
}
