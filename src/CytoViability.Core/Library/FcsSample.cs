using CytoViability.Core.Fcs;

namespace CytoViability.Library;

/// <summary>
/// The first data set of an FCS file: its keywords, its channels and their events, read-only. Made by
/// <see cref="FcsReader.ReadFile"/>; <see cref="GatingTemplate.Apply"/> gates it.
/// </summary>
public sealed class FcsSample
{
    private readonly FcsDataSet _dataSet;

    internal FcsSample(string path, FcsDataSet dataSet, int dataSetCount)
    {
        _dataSet = dataSet;
        Path = path;
        DataSetCount = dataSetCount;
        var channels = new FcsChannel[dataSet.Parameters.Count];
        for (var i = 0; i < channels.Length; i++)
        {
            var parameter = dataSet.Parameters[i];
            channels[i] = new FcsChannel(i, parameter.Name, parameter.Stain, parameter.Range);
        }

        Channels = channels;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>FCS2.0, FCS3.0 or FCS3.1.</summary>
    public string Version => _dataSet.Version;

    /// <summary>Data sets in the file ($NEXTDATA); only the first is read and gated.</summary>
    public int DataSetCount { get; }

    public int EventCount => _dataSet.EventCount;

    /// <summary>Every TEXT keyword in file order (names as written, e.g. <c>$PAR</c>, <c>$FIL</c>, <c>TUBE NAME</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Keywords => _dataSet.Keywords;

    /// <summary>What the reader repaired or chose while reading (the run reports these as fcs_reader QC warnings).</summary>
    public IReadOnlyList<string> Warnings => _dataSet.Warnings;

    /// <summary>The parameters in file order.</summary>
    public IReadOnlyList<FcsChannel> Channels { get; }

    /// <summary>A keyword's value (case-insensitive name), or null when the file lacks it.</summary>
    public string? Keyword(string name) => _dataSet.Keywords[name];

    /// <summary>The channel whose $PnN, or failing that $PnS, is <paramref name="nameOrStain"/> (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No channel has that name or stain.</exception>
    public FcsChannel Channel(string nameOrStain)
    {
        ArgumentNullException.ThrowIfNull(nameOrStain);
        var index = _dataSet.FindParameter(nameOrStain);
        return index >= 0 ? Channels[index] : throw new KeyNotFoundException(Path + ": no channel named '" + nameOrStain + "' ($PnN or $PnS)");
    }

    /// <summary>A channel's events as stored in DATA (no $PnE, $PnG or compensation applied).</summary>
    public ReadOnlySpan<float> RawValues(string nameOrStain) => _dataSet.Column(Channel(nameOrStain).Index);

    /// <summary>A channel's events on the scale the gates and statistics use ($PnE decades or $PnG gain applied, uncompensated); computed anew on each call.</summary>
    public ReadOnlySpan<double> ScaleValues(string nameOrStain) => _dataSet.ScaleColumn(Channel(nameOrStain).Index);
}
