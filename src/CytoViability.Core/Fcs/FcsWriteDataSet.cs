namespace CytoViability.Core.Fcs;

/// <summary>Events (one float array per parameter, all the same length) and extra keywords to write.</summary>
internal sealed class FcsWriteDataSet
{
    public FcsWriteDataSet(
        IReadOnlyList<FcsWriteParameter> parameters,
        IReadOnlyList<float[]> columns,
        IReadOnlyList<KeyValuePair<string, string>> keywords)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(keywords);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("An FCS data set needs at least one parameter.", nameof(parameters));
        }

        if (columns.Count != parameters.Count)
        {
            throw new ArgumentException($"{parameters.Count} parameters but {columns.Count} columns.", nameof(columns));
        }

        for (var i = 0; i < columns.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(columns[i]);
            if (columns[i].Length != columns[0].Length)
            {
                throw new ArgumentException($"Column {i} has {columns[i].Length} events but column 0 has {columns[0].Length}.", nameof(columns));
            }
        }

        Parameters = parameters;
        Columns = columns;
        Keywords = keywords;
    }

    public IReadOnlyList<FcsWriteParameter> Parameters { get; }

    public IReadOnlyList<float[]> Columns { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Keywords { get; }

    public int EventCount => Columns[0].Length;
}
