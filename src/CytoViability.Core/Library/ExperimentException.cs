namespace CytoViability.Library;

/// <summary>
/// An experiment folder that cannot be run: no folder, an experiment.yaml, sample sheet or template with problems,
/// an output folder in use. <see cref="Problems"/> are the lines `cytoviability run` prints before it exits with 1.
/// </summary>
public sealed class ExperimentException : CytoViabilityException
{
    internal ExperimentException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
