namespace CytoViability.Library;

/// <summary>
/// A sample that cannot be gated with the template: a channel the template needs is missing, its spillover cannot
/// be applied, ... . <see cref="Problems"/> are its qc.csv fail rows as "file: check: message".
/// </summary>
public sealed class SampleException : CytoViabilityException
{
    internal SampleException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
