using Engine = CytoViability.Core.Fcs;

namespace CytoViability.Library;

/// <summary>Reads FCS 2.0, 3.0 and 3.1 files as the batch run reads them, with the deviations real instruments write.</summary>
public static class FcsReader
{
    /// <summary>Reads a file (opened read-only) and decodes the events of its first data set.</summary>
    /// <exception cref="Engine.FcsFormatException">The file is not a readable FCS file; the message names the segment and byte.</exception>
    public static FcsSample ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Engine.FcsReader.ReadFile(path, new Engine.FcsReadOptions { EventsOfFirstDataSetOnly = true });
        if (file.DataSets.Count == 0)
        {
            throw new Engine.FcsFormatException(path, "HEADER", 0, "the file holds no data set");
        }

        return new FcsSample(Path.GetFullPath(path), file.DataSets[0], file.DataSets.Count);
    }
}
