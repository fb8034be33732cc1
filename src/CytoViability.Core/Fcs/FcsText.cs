using System.Globalization;

namespace CytoViability.Core.Fcs;

/// <summary>
/// The HEADER and TEXT (with any supplemental TEXT) of one data set, as <see cref="FcsTextReader"/> read them: the
/// keywords in file order with the byte each was found at, so the stages after it (parameters, locating DATA) name
/// the place of a keyword they refuse.
/// </summary>
internal sealed class FcsText
{
    private readonly List<KeyValuePair<string, string>> _pairs;
    private readonly List<long> _pairOffsets;

    public FcsText(string source, long start, string version, long textBegin, long textEnd, long headerDataBegin, long headerDataEnd, List<KeyValuePair<string, string>> pairs, List<long> pairOffsets)
    {
        Source = source;
        Start = start;
        Version = version;
        TextBegin = textBegin;
        TextEnd = textEnd;
        HeaderDataBegin = headerDataBegin;
        HeaderDataEnd = headerDataEnd;
        _pairs = pairs;
        _pairOffsets = pairOffsets;
        Keywords = new FcsKeywords(pairs);
    }

    /// <summary>The file (path or name) in errors and warnings.</summary>
    public string Source { get; }

    /// <summary>Absolute byte at which the data set's HEADER starts; every offset in it counts from here.</summary>
    public long Start { get; }

    /// <summary>"2.0", "3.0", "3.1" as in the HEADER.</summary>
    public string Version { get; }

    /// <summary>Absolute first byte of TEXT.</summary>
    public long TextBegin { get; }

    /// <summary>Absolute last byte of TEXT.</summary>
    public long TextEnd { get; }

    /// <summary>DATA's first byte as the HEADER gives it, relative to <see cref="Start"/> (0 when blank).</summary>
    public long HeaderDataBegin { get; }

    /// <summary>DATA's last byte as the HEADER gives it, relative to <see cref="Start"/> (0 when blank).</summary>
    public long HeaderDataEnd { get; }

    public FcsKeywords Keywords { get; }

    /// <summary>Absolute byte of the first <paramref name="key"/> (any case); TEXT's first byte when absent.</summary>
    public long OffsetOf(string key)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (string.Equals(_pairs[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _pairOffsets[i];
            }
        }

        return TextBegin;
    }

    public string Required(string key) =>
        Keywords[key] ?? throw Fail("TEXT", TextBegin, $"required keyword {key} is missing");

    /// <summary>The finite number <paramref name="key"/> holds, or null when it is absent or not one.</summary>
    public double? ParseDouble(string key)
    {
        var text = Keywords[key];
        return text is not null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;
    }

    /// <summary>A byte offset keyword of <paramref name="keywords"/>; one that is not an offset is ignored with a warning.</summary>
    public static long? ParseOffset(FcsKeywords keywords, string key, List<string> warnings)
    {
        var text = keywords[key];
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        warnings.Add($"{key} is '{text}', not an offset; ignored.");
        return null;
    }

    public static bool Overlaps(long begin, long end, long otherBegin, long otherEnd) => begin <= otherEnd && otherBegin <= end;

    public FcsFormatException Fail(string segment, long offset, string problem) => new(Source, segment, offset, problem);
}
