using System.Globalization;

namespace CytoViability.Core.Fcs;

/// <summary>
/// Finds where one data set's events are: DATA from the HEADER and from $BEGINDATA/$ENDDATA checked against $TOT ×
/// the event size, the byte ranges data sets of one file may not share, and where $NEXTDATA puts the next data set.
/// </summary>
internal sealed class FcsDataLocator
{
    private readonly FcsByteSource _bytes;
    private readonly FcsText _text;
    private readonly FcsKeywords _keywords;
    private readonly List<string> _warnings;
    private readonly long _start;
    private readonly long _textBegin;
    private readonly long _textEnd;

    private FcsDataLocator(FcsByteSource bytes, FcsText text, List<string> warnings)
    {
        _bytes = bytes;
        _text = text;
        _keywords = text.Keywords;
        _warnings = warnings;
        _start = text.Start;
        _textBegin = text.TextBegin;
        _textEnd = text.TextEnd;
    }

    /// <summary>DATA of <paramref name="text"/>'s data set: its absolute first byte, its length in bytes and its events.</summary>
    public static (long Begin, long Length, int Events) Locate(FcsByteSource bytes, FcsText text, FcsDataLayout layout, List<string> warnings)
    {
        var locator = new FcsDataLocator(bytes, text, warnings);
        var total = locator.ReadTotal();
        return locator.LocateData(layout, total, text.HeaderDataBegin, text.HeaderDataEnd);
    }

    /// <summary>Where $NEXTDATA says the next data set starts (absolute), 0 when none is to be read.</summary>
    public static long NextDataSet(FcsByteSource bytes, FcsText text, List<string> warnings) =>
        new FcsDataLocator(bytes, text, warnings).NextDataSetStart();

    /// <summary>
    /// Adds this data set's HEADER, TEXT and DATA to <paramref name="claimed"/>, refusing the file when one of them
    /// overlaps an earlier data set's: decoding shared bytes again would cost memory per data set and describe no new
    /// events.
    /// </summary>
    public static void Claim(FcsText text, int index, List<FcsByteRange> claimed, long dataBegin, long dataLength)
    {
        var ranges = new List<FcsByteRange> { new(text.Start, text.Start + FcsTextReader.HeaderLength - 1, "HEADER"), new(text.TextBegin, text.TextEnd, "TEXT") };
        if (dataLength > 0)
        {
            ranges.Add(new(dataBegin, dataBegin + dataLength - 1, "DATA"));
        }

        foreach (var (begin, end, what) in ranges)
        {
            foreach (var earlier in claimed)
            {
                if (FcsText.Overlaps(begin, end, earlier.Begin, earlier.End))
                {
                    throw text.Fail("HEADER", text.Start, $"data set {index} (at byte {text.Start}): its {what} ({begin}–{end}) overlaps bytes {earlier.Begin}–{earlier.End} of an earlier data set; data sets of a $NEXTDATA chain must not share bytes");
                }
            }
        }

        claimed.AddRange(ranges);
    }

    private long? ReadTotal()
    {
        var text = _keywords["$TOT"];
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var total) || total < 0)
        {
            throw Fail("TEXT", OffsetOf("$TOT"), $"$TOT is '{text.Trim()}', not a number of events");
        }

        return total;
    }

    /// <summary>
    /// Chooses where DATA is. HEADER and TEXT may disagree and the end offset is often one byte too far; the
    /// reading consistent with $TOT × event size that stays clear of TEXT and inside the file wins, and the
    /// choice is reported. A segment longer than that (beyond the one byte) is refused: the keywords do not describe
    /// the data. Nothing is allocated for events until the file is known to hold them.
    /// </summary>
    private (long Begin, long Length, int Events) LocateData(FcsDataLayout layout, long? total, long headerBegin, long headerEnd)
    {
        var candidates = new List<FcsByteRange>(2);
        if (headerBegin != 0 || headerEnd != 0)
        {
            candidates.Add(new(_start + headerBegin, _start + headerEnd, "HEADER"));
        }

        var textBegin = FcsText.ParseOffset(_keywords, "$BEGINDATA", _warnings);
        var textEnd = FcsText.ParseOffset(_keywords, "$ENDDATA", _warnings);
        if (textBegin is > 0 || textEnd is > 0)
        {
            var fromText = new FcsByteRange(_start + (textBegin ?? 0), _start + (textEnd ?? 0), "TEXT");
            if (candidates.Count == 0 || candidates[0].Begin != fromText.Begin || candidates[0].End != fromText.End)
            {
                candidates.Add(fromText);
            }
        }

        var fileLength = _bytes.Length;
        if (total == 0 && !layout.IsDelimitedAscii)
        {
            return (_start + headerBegin, 0, 0);
        }

        var usable = candidates.Where(c => c.Begin >= _start + FcsTextReader.HeaderLength && c.Begin < fileLength && !FcsText.Overlaps(c.Begin, Math.Max(c.Begin, c.End), _textBegin, _textEnd)).ToList();
        if (usable.Count == 0)
        {
            var described = candidates.Count == 0 ? "neither HEADER nor $BEGINDATA gives a DATA offset" :
                string.Join("; ", candidates.Select(c => $"{c.What} says {c.Begin}–{c.End}")) +
                $", which is outside the {fileLength}-byte file or overlaps TEXT ({_textBegin}–{_textEnd})";
            throw Fail("DATA", candidates.Count == 0 ? _textBegin : candidates[0].Begin, described);
        }

        if (layout.IsDelimitedAscii)
        {
            return LocateDelimitedAscii(usable, layout, total);
        }

        var eventBits = layout.EventBits;
        if (total is null)
        {
            var chosen = usable[0];
            if (chosen.End < chosen.Begin || chosen.End >= fileLength)
            {
                throw Fail("DATA", chosen.Begin, $"$TOT is missing and the DATA end offset {chosen.End} does not give the data's length");
            }

            var events = (chosen.End - chosen.Begin + 1) * 8 / eventBits;
            _warnings.Add($"$TOT is missing; {events} events fit the DATA segment.");
            return (chosen.Begin, layout.BytesFor(events), CheckEventCount(events, chosen.Begin));
        }

        var expected = layout.BytesFor(total.Value);
        if (expected == long.MaxValue)
        {
            throw Fail("DATA", usable[0].Begin, $"$TOT {total} events × {eventBits / 8.0} bytes is more data than any file can hold");
        }

        FcsByteRange? exact = null, oneOver = null, longer = null, openEnded = null;
        foreach (var c in usable)
        {
            var fits = c.Begin + expected <= fileLength;
            if (!fits)
            {
                continue;
            }

            var declared = c.End - c.Begin + 1;
            if (c.End < c.Begin)
            {
                openEnded ??= c;
            }
            else if (declared == expected)
            {
                exact ??= c;
            }
            else if (declared == expected + 1)
            {
                oneOver ??= c;
            }
            else if (declared > expected)
            {
                longer ??= c;
            }
        }

        if (exact is null && oneOver is null && longer is { } tooLong)
        {
            // More DATA than $TOT × event size (beyond the one-byte end-offset quirk) means $PAR, a $PnB or $TOT does
            // not describe the events: decoding would pair every value with the wrong channel.
            var held = tooLong.End - tooLong.Begin + 1;
            throw Fail("DATA", tooLong.Begin, $"$TOT = {total} events × {eventBits / 8.0} bytes ({layout.ParameterCount} parameters) need {expected} bytes but the DATA segment ({tooLong.What}: {tooLong.Begin}–{tooLong.End}) holds {held}; $PAR, $PnB or $TOT do not describe the data, so its values would be garbage");
        }

        var pick = exact ?? oneOver ?? openEnded;
        if (pick is not { } p)
        {
            var c = usable[0];
            var declared = c.End - c.Begin + 1;
            var problem = c.Begin + expected > fileLength
                ? $"$TOT = {total} events need {expected} bytes from byte {c.Begin}, but the file ends after {fileLength - c.Begin} of them; the file is truncated or $TOT is wrong"
                : $"$TOT = {total} events need {expected} bytes but the DATA segment ({c.What}: {c.Begin}–{c.End}) holds {declared}; $TOT does not fit the data";
            throw Fail("DATA", c.Begin, problem);
        }

        if (candidates.Count > 1)
        {
            _warnings.Add($"HEADER and TEXT disagree on DATA ({string.Join(", ", candidates.Select(c => $"{c.What} {c.Begin}–{c.End}"))}); " +
                          $"used {p.What} {p.Begin}–{p.Begin + expected - 1}, consistent with $TOT × event size = {expected} bytes.");
        }

        if (p.End - p.Begin + 1 == expected + 1)
        {
            _warnings.Add($"DATA end offset {p.End} is one byte past the {expected} bytes $TOT needs; read {expected} bytes.");
        }
        else if (p.End < p.Begin)
        {
            _warnings.Add($"DATA end offset {p.End} is before its start; read the {expected} bytes $TOT needs.");
        }

        return (p.Begin, expected, CheckEventCount(total.Value, p.Begin));
    }

    private (long Begin, long Length, int Events) LocateDelimitedAscii(List<FcsByteRange> usable, FcsDataLayout layout, long? total)
    {
        foreach (var c in usable)
        {
            if (c.End < c.Begin || c.End >= _bytes.Length)
            {
                continue;
            }

            var length = c.End - c.Begin + 1;
            if (length > int.MaxValue)
            {
                throw Fail("DATA", c.Begin, "delimited ASCII DATA larger than 2 GB is not supported");
            }

            var values = FcsEventDecoder.CountAsciiValues(_bytes.ReadArray(c.Begin, (int)length));
            var available = values / layout.ParameterCount;
            if (total is { } t && t > available)
            {
                throw Fail("DATA", c.Begin, $"$TOT = {t} events need {t * layout.ParameterCount} numbers but the ASCII DATA holds {values}; $TOT does not fit the data");
            }

            return (c.Begin, length, CheckEventCount(total ?? available, c.Begin));
        }

        throw Fail("DATA", usable[0].Begin, "delimited ASCII DATA needs an end offset inside the file");
    }

    private int CheckEventCount(long events, long offset)
    {
        if (events > Array.MaxLength)
        {
            throw Fail("DATA", offset, $"{events} events is more than one data set can hold in memory ({Array.MaxLength})");
        }

        return (int)events;
    }

    private long NextDataSetStart()
    {
        var text = _keywords["$NEXTDATA"];
        if (text is null)
        {
            return 0;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var next))
        {
            _warnings.Add($"$NEXTDATA is '{text}', not an offset; no further data sets are read.");
            return 0;
        }

        if (next == 0)
        {
            return 0;
        }

        var absolute = _start + next;
        if (next < 0 || absolute + FcsTextReader.HeaderLength > _bytes.Length)
        {
            _warnings.Add($"$NEXTDATA {next} points outside the file; no further data sets are read.");
            return 0;
        }

        return absolute;
    }

    private long OffsetOf(string key) => _text.OffsetOf(key);

    private FcsFormatException Fail(string segment, long offset, string problem) => _text.Fail(segment, offset, problem);
}
