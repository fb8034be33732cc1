namespace CytoViability.Library;

/// <summary>
/// A template that cannot be used. <see cref="Problems"/> are the lines `cytoviability validate` prints,
/// "file:line:column: error: message", sorted by line and column.
/// </summary>
public sealed class TemplateException : CytoViabilityException
{
    internal TemplateException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
