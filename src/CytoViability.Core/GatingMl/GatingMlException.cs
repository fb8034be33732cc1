namespace CytoViability.Core.GatingMl;

/// <summary>A Gating-ML document that cannot be read: the message names the file, line and column, and what is wrong.</summary>
internal sealed class GatingMlException : CytoViabilityException
{
    /// <summary>Creates the exception; <paramref name="line"/> and <paramref name="column"/> are 1-based, 0 when unknown.</summary>
    public GatingMlException(string source, int line, int column, string problem, Exception? innerException = null)
        : base(source + (line > 0 ? "(" + line + "," + column + ")" : string.Empty) + ": " + problem, innerException)
    {
        Source = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The document (path or name).</summary>
    public new string Source { get; }

    /// <summary>1-based line, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}
