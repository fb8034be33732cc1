using System.Buffers;
using System.Globalization;
using System.Text;

namespace CytoViability.Core.Fcs;

/// <summary>Reads one data set (HEADER, TEXT, supplemental TEXT, DATA) starting at a given byte of the file.</summary>
internal sealed class FcsDataSetReader
{
    private const int HeaderLength = 58;

    /// <summary>Bytes of DATA copied per slice: large enough to amortise a read call, small enough for L2.</summary>
    private const int StreamSliceBytes = 1 << 18;

    /// <summary>
    /// Largest (supplemental) TEXT segment read; real ones are kilobytes. Parsed keywords cost about 20 bytes of
    /// memory per TEXT byte, so this also bounds what a hostile TEXT can cost (docs/DESIGN.md, memory).
    /// </summary>
    public const long MaxTextBytes = 16L << 20;

    /// <summary>Most parameters a data set may declare: cytometers record tens to a few hundred.</summary>
    public const int MaxParameters = 10_000;

    private readonly FcsByteSource _bytes;
    private readonly string _source;
    private readonly long _start;
    private readonly List<string> _warnings = [];
    private readonly List<string> _notes = [];
    private readonly List<KeyValuePair<string, string>> _pairs = [];
    private readonly List<long> _pairOffsets = [];
    private FcsKeywords _keywords = null!;
    private long _textBegin;
    private long _textEnd;

    private FcsDataSetReader(FcsByteSource bytes, string source, long start)
    {
        _bytes = bytes;
        _source = source;
        _start = start;
    }

    /// <summary>
    /// Reads data set number <paramref name="index"/> at <paramref name="start"/>. <paramref name="claimed"/> holds the
    /// byte ranges of the data sets read before it; this one's are added. A data set sharing bytes with an earlier one
    /// (a $NEXTDATA chain whose data sets all point at one DATA segment) is refused before its events are decoded.
    /// </summary>
    public static FcsDataSet Read(FcsByteSource bytes, string source, long start, int index, List<(long Begin, long End)> claimed, FcsReadOptions options, out long nextStart) =>
        new FcsDataSetReader(bytes, source, start).Read(index, claimed, options, out nextStart);

    /// <summary>Reads one data set on its own (no earlier data sets).</summary>
    public static FcsDataSet Read(FcsByteSource bytes, string source, long start, FcsReadOptions options, out long nextStart) =>
        Read(bytes, source, start, 0, [], options, out nextStart);

    private FcsDataSet Read(int index, List<(long Begin, long End)> claimed, FcsReadOptions options, out long nextStart)
    {
        var (version, offsets) = ReadHeader();
        ReadText(offsets);
        ReadSupplementalText();
        _keywords = new FcsKeywords(_pairs);
        WarnRepeatedKeywords();

        CheckMode();
        var parameterCount = ReadParameterCount();
        var dataType = ReadDataType();
        var (bigEndian, significance) = ReadByteOrder(dataType);
        var (parameters, layoutBits, masks) = ReadParameters(parameterCount, dataType);
        CheckByteOrderFitsValues(parameters, dataType);
        var timeGainIsTimestep = FindTimeGainEqualToTimestep(parameters);
        var layout = new FcsDataLayout(dataType, layoutBits, masks, bigEndian, significance);
        var total = ReadTotal();
        var (dataBegin, dataLength, eventCount) = LocateData(layout, total, offsets.DataBegin, offsets.DataEnd);
        Claim(index, claimed, dataBegin, dataLength);

        float[][]? columns = null;
        double[]?[]? exact = null;
        if (options is { KeywordsOnly: false, EventSlices: { } slices })
        {
            DecodeInSlices(slices, index, layout, dataBegin, dataLength, eventCount);
        }
        else if (!options.KeywordsOnly)
        {
            var decoder = new FcsEventDecoder(layout, eventCount);
            Decode(decoder, layout, dataBegin, dataLength, eventCount);
            columns = decoder.Columns;
            exact = decoder.ExactColumns;
        }

        var spillover = FcsSpilloverKeyword.Parse(_keywords, OffsetOf, _source, _warnings, out var spilloverError);
        nextStart = ReadNextData();
        var segmentOffsets = new FcsSegmentOffsets(_start, _textBegin, _textEnd, dataBegin, dataBegin + dataLength - 1);
        return new FcsDataSet(
            version, _keywords, parameters, eventCount, _warnings.ToArray(), _notes.ToArray(), dataType, segmentOffsets,
            columns, exact, spillover, spilloverError, timeGainIsTimestep);
    }

    /// <summary>
    /// Adds this data set's HEADER, TEXT and DATA to <paramref name="claimed"/>, refusing the file when one of them
    /// overlaps an earlier data set's: decoding shared bytes again would cost memory per data set and describe no new
    /// events.
    /// </summary>
    private void Claim(int index, List<(long Begin, long End)> claimed, long dataBegin, long dataLength)
    {
        var ranges = new List<(long Begin, long End, string What)> { (_start, _start + HeaderLength - 1, "HEADER"), (_textBegin, _textEnd, "TEXT") };
        if (dataLength > 0)
        {
            ranges.Add((dataBegin, dataBegin + dataLength - 1, "DATA"));
        }

        foreach (var (begin, end, what) in ranges)
        {
            foreach (var earlier in claimed)
            {
                if (Overlaps(begin, end, earlier.Begin, earlier.End))
                {
                    throw Fail("HEADER", _start, $"data set {index} (at byte {_start}): its {what} ({begin}–{end}) overlaps bytes {earlier.Begin}–{earlier.End} of an earlier data set; data sets of a $NEXTDATA chain must not share bytes");
                }
            }
        }

        foreach (var (begin, end, _) in ranges)
        {
            claimed.Add((begin, end));
        }
    }

    private (string Version, (long TextBegin, long TextEnd, long DataBegin, long DataEnd) Offsets) ReadHeader()
    {
        var available = _bytes.Length - _start;
        if (available < HeaderLength)
        {
            throw Fail("HEADER", _start, available <= 0
                ? "the file ends where a data set should begin"
                : $"only {available} bytes where an FCS HEADER needs {HeaderLength}; the file is truncated or not FCS");
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        _bytes.Read(_start, header);
        if (!(header[0] == 'F' && header[1] == 'C' && header[2] == 'S' && char.IsAsciiDigit((char)header[3]) &&
              header[4] == '.' && char.IsAsciiDigit((char)header[5])))
        {
            throw Fail("HEADER", _start, $"does not start with 'FCS<version>' but with '{Printable(header[..Math.Min(16, header.Length)])}'{DescribeNonFcs(header)}");
        }

        var version = Encoding.ASCII.GetString(header.Slice(3, 3));
        if (version is not ("2.0" or "3.0" or "3.1" or "3.2"))
        {
            _warnings.Add($"FCS version {version} is not one this reader knows; read as FCS 3.1.");
        }

        Span<long> fields = stackalloc long[6];
        for (var k = 0; k < 6; k++)
        {
            var field = header.Slice(10 + (8 * k), 8).Trim((byte)' ');
            if (field.IsEmpty)
            {
                fields[k] = 0;
                continue;
            }

            if (!long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out fields[k]))
            {
                throw Fail("HEADER", _start + 10 + (8 * k), $"offset field {k + 1} is '{Printable(field)}', not a number");
            }
        }

        return (version, (fields[0], fields[1], fields[2], fields[3]));
    }

    private void ReadText((long TextBegin, long TextEnd, long DataBegin, long DataEnd) offsets)
    {
        if (offsets.TextBegin < HeaderLength || offsets.TextEnd <= offsets.TextBegin)
        {
            throw Fail("HEADER", _start + 10, $"TEXT offsets {offsets.TextBegin}–{offsets.TextEnd} do not describe a TEXT segment after the HEADER");
        }

        _textBegin = _start + offsets.TextBegin;
        _textEnd = _start + offsets.TextEnd;
        if (_textEnd >= _bytes.Length)
        {
            throw Fail("TEXT", _textBegin, $"TEXT should end at byte {_textEnd} but the file has only {_bytes.Length} bytes; the file is truncated");
        }

        if (_textEnd - _textBegin + 1 > MaxTextBytes)
        {
            throw Fail("TEXT", _textBegin, $"TEXT offsets {offsets.TextBegin}–{offsets.TextEnd} describe a {_textEnd - _textBegin + 1}-byte TEXT segment; more than {MaxTextBytes} bytes is not a real TEXT segment");
        }

        var text = _bytes.ReadArray(_textBegin, (int)(_textEnd - _textBegin + 1));
        var delimiter = text[0];
        if (text.AsSpan(1).IndexOf(delimiter) < 0)
        {
            throw Fail("TEXT", _textBegin, $"no delimiters: the first byte (0x{delimiter:X2}) never occurs again in the {text.Length}-byte TEXT segment");
        }

        FcsTextSegment.Parse(text, delimiter, 1, _textBegin, _pairs, _pairOffsets, _warnings, "TEXT");
        if (_pairs.Count == 0)
        {
            throw Fail("TEXT", _textBegin, "the TEXT segment holds no keywords");
        }
    }

    private void ReadSupplementalText()
    {
        var primary = new FcsKeywords(_pairs);
        var begin = ParseOffsetKeyword(primary, "$BEGINSTEXT");
        var end = ParseOffsetKeyword(primary, "$ENDSTEXT");
        if (begin is not > 0 || end is not > 0)
        {
            return;
        }

        var absoluteBegin = _start + begin.Value;
        var absoluteEnd = _start + end.Value;
        if (absoluteBegin == _textBegin && absoluteEnd == _textEnd)
        {
            return;
        }

        if (absoluteEnd < absoluteBegin || absoluteEnd >= _bytes.Length || absoluteEnd - absoluteBegin + 1 > MaxTextBytes || Overlaps(absoluteBegin, absoluteEnd, _textBegin, _textEnd))
        {
            _warnings.Add($"supplemental TEXT offsets {begin}–{end} do not describe a readable segment; ignored.");
            return;
        }

        var segment = _bytes.ReadArray(absoluteBegin, (int)(absoluteEnd - absoluteBegin + 1));
        var delimiter = _bytes.ReadArray(_textBegin, 1)[0];
        if (segment[0] != delimiter || ContainsBinary(segment, delimiter))
        {
            _warnings.Add($"supplemental TEXT (bytes {absoluteBegin}–{absoluteEnd}) does not start with the TEXT delimiter or holds binary bytes; ignored.");
            return;
        }

        var first = 1;
        var before = _pairs.Count;
        FcsTextSegment.Parse(segment, delimiter, first, absoluteBegin, _pairs, _pairOffsets, _warnings, "supplemental TEXT");
        if (_pairs.Count > before)
        {
            _warnings.Add($"read {_pairs.Count - before} keyword(s) from supplemental TEXT (bytes {absoluteBegin}–{absoluteEnd}).");
        }
    }

    private void WarnRepeatedKeywords()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var repeated = new List<string>();
        foreach (var pair in _pairs)
        {
            if (!seen.Add(pair.Key) && !repeated.Contains(pair.Key, StringComparer.OrdinalIgnoreCase))
            {
                repeated.Add(pair.Key);
            }
        }

        if (repeated.Count > 0)
        {
            _warnings.Add($"keyword(s) repeated in TEXT: {string.Join(", ", repeated)}; look-ups return the first value.");
        }
    }

    private void CheckMode()
    {
        var mode = _keywords["$MODE"]?.Trim();
        if (mode is not null && mode.Length > 0 && !mode.Equals("L", StringComparison.OrdinalIgnoreCase))
        {
            var kind = mode.ToUpperInvariant() switch
            {
                "C" => " (correlated histograms)",
                "U" => " (uncorrelated histograms)",
                _ => string.Empty,
            };
            throw Fail("TEXT", OffsetOf("$MODE"), $"$MODE is '{mode}'{kind}; only list mode (L) data can be read");
        }
    }

    private int ReadParameterCount()
    {
        var text = Required("$PAR");
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw Fail("TEXT", OffsetOf("$PAR"), $"$PAR is '{text}', not a positive number of parameters");
        }

        if (count > MaxParameters)
        {
            throw Fail("TEXT", OffsetOf("$PAR"), $"$PAR says {count} parameters; more than {MaxParameters} is not a cytometer's data set, so it is not read");
        }

        if (count > _pairs.Count)
        {
            throw Fail("TEXT", OffsetOf("$PAR"), $"$PAR says {count} parameters but TEXT has only {_pairs.Count} keywords, too few to describe them");
        }

        return count;
    }

    private char ReadDataType()
    {
        var text = Required("$DATATYPE").Trim().ToUpperInvariant();
        if (text is not ("I" or "F" or "D" or "A"))
        {
            throw Fail("TEXT", OffsetOf("$DATATYPE"), $"$DATATYPE is '{text}'; expected I, F, D or A");
        }

        return text[0];
    }

    private (bool BigEndian, int[]? Significance) ReadByteOrder(char dataType)
    {
        var text = _keywords["$BYTEORD"];
        if (text is null)
        {
            if (dataType != 'A')
            {
                _warnings.Add("$BYTEORD is missing; read as little-endian (1,2,3,4).");
            }

            return (false, null);
        }

        var parts = text.Split(',');
        var order = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out order[i]) ||
                order[i] < 1 || order[i] > parts.Length)
            {
                throw Fail("TEXT", OffsetOf("$BYTEORD"), $"$BYTEORD is '{text}', not an order of byte numbers");
            }
        }

        if (order.Distinct().Count() != order.Length)
        {
            throw Fail("TEXT", OffsetOf("$BYTEORD"), $"$BYTEORD is '{text}', which repeats a byte");
        }

        var ascending = true;
        var descending = true;
        for (var i = 0; i < order.Length; i++)
        {
            ascending &= order[i] == i + 1;
            descending &= order[i] == order.Length - i;
        }

        if (ascending || descending)
        {
            return (descending && order.Length > 1, null);
        }

        _warnings.Add($"$BYTEORD {text} is neither little- nor big-endian; bytes are reordered as it says.");
        var significance = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            significance[i] = order[i] - 1;
        }

        return (order[0] > order[^1], significance);
    }

    /// <summary>
    /// $BYTEORD must order at least the bytes of each value: "1,2" on 4-byte floats leaves the value's byte order
    /// unknown and decodes garbage, so it is refused. Longer orders are what FCS 2.0 instruments write (4,3,2,1 on
    /// 2-byte integers: the machine word's order), and 8-byte values with a 4-byte order are read as FCS writers mean
    /// it, so a shortfall only counts up to 4 bytes.
    /// </summary>
    private void CheckByteOrderFitsValues(FcsParameter[] parameters, char dataType)
    {
        var text = _keywords["$BYTEORD"];
        if (text is null || dataType == 'A')
        {
            return;
        }

        var ordered = text.Split(',').Length;
        foreach (var parameter in parameters)
        {
            if (parameter.Bits % 8 != 0)
            {
                continue;
            }

            var valueBytes = parameter.Bits / 8;
            if (ordered < Math.Min(valueBytes, 4))
            {
                throw Fail("TEXT", OffsetOf("$BYTEORD"), $"$BYTEORD is '{text}', an order of {ordered} byte(s), but $P{parameter.Number}B makes {parameter.Name} {valueBytes}-byte values; the byte order of the values is unknown, so they are not decoded");
            }
        }
    }

    private (FcsParameter[] Parameters, int[] LayoutBits, ulong[] Masks) ReadParameters(int count, char dataType)
    {
        var parameters = new FcsParameter[count];
        var layoutBits = new int[count];
        var masks = new ulong[count];
        var missingNames = 0;
        var logOnFloat = new List<string>();
        var zeroLogOffsets = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var n = i + 1;
            var bitsKey = $"$P{n}B";
            var bitsText = Required(bitsKey).Trim();
            int bits;
            if (dataType == 'A' && bitsText == "*")
            {
                bits = 0;
            }
            else if (!int.TryParse(bitsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out bits) || bits < 1 || bits > 64)
            {
                throw Fail("TEXT", OffsetOf(bitsKey), $"{bitsKey} is '{bitsText}', not a width between 1 and 64");
            }

            if ((dataType == 'F' && bits != 32) || (dataType == 'D' && bits != 64))
            {
                throw Fail("TEXT", OffsetOf(bitsKey), $"{bitsKey} is {bits} but $DATATYPE {dataType} values are {(dataType == 'F' ? 32 : 64)} bits");
            }

            if (dataType == 'I' && bits > 8 && bits % 8 != 0 && bits > 32)
            {
                throw Fail("TEXT", OffsetOf(bitsKey), $"{bitsKey} is {bits}; packed integers wider than 32 bits are not supported");
            }

            layoutBits[i] = dataType == 'A' ? bits * 8 : bits;

            var name = _keywords[$"$P{n}N"];
            if (name is null)
            {
                missingNames++;
                name = $"P{n}";
            }

            var stain = _keywords[$"$P{n}S"];
            if (string.IsNullOrWhiteSpace(stain))
            {
                stain = null;
            }

            var range = ParseDouble($"$P{n}R");
            if (range is null)
            {
                _warnings.Add($"$P{n}R is missing or not a number; integer values of {name} are not masked.");
            }

            var (decades, offset) = ReadAmplification(n, dataType, zeroLogOffsets);
            if (decades > 0 && dataType is 'F' or 'D')
            {
                logOnFloat.Add(name);
            }

            masks[i] = dataType == 'I' ? IntegerMask(bits, range) : ulong.MaxValue;
            parameters[i] = new FcsParameter(
                n, name, stain, range ?? 0, bits, decades, offset, ParseDouble($"$P{n}G"), ParseDouble($"$P{n}V"));
        }

        if (missingNames > 0)
        {
            _warnings.Add($"{missingNames} parameter(s) have no $PnN; named P1, P2, ... by number.");
        }

        if (zeroLogOffsets.Count > 0)
        {
            // FCS 3.1: "$PnE/f1,0/ with f1 > 0 is not a valid entry ... handle it as $PnE/f1,1/".
            _warnings.Add($"$PnE f1,0 on {string.Join(", ", zeroLogOffsets)}; read as f1,1 as FCS 3.1 prescribes.");
        }

        if (logOnFloat.Count > 0)
        {
            _warnings.Add($"$PnE asks for log decoding of float data ({string.Join(", ", logOnFloat)}); float data is stored linear, so it is not log-decoded.");
        }

        var duplicates = parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0)
        {
            _warnings.Add($"$PnN repeated: {string.Join(", ", duplicates)}; look-ups by name find the first.");
        }

        return (parameters, layoutBits, masks);
    }

    /// <summary>
    /// FACSDiva writes the Time channel's $PnG equal to $TIMESTEP (0.01): a time unit, not an amplifier gain.
    /// Dividing by it would turn Time into hundredths of a unit, so scale values leave such a channel as stored.
    /// </summary>
    private int FindTimeGainEqualToTimestep(FcsParameter[] parameters)
    {
        var timestep = ParseDouble("$TIMESTEP");
        if (timestep is null)
        {
            return -1;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.Name.Equals("Time", StringComparison.OrdinalIgnoreCase) && p.Gain is { } gain && gain != 1 && gain != 0 &&
                gain == timestep.Value)
            {
                _notes.Add($"Time $PnG {gain.ToString(CultureInfo.InvariantCulture)} equals $TIMESTEP: a time unit, not a gain; scale values keep Time as stored.");
                return i;
            }
        }

        return -1;
    }

    private (double Decades, double Offset) ReadAmplification(int n, char dataType, List<string> zeroLogOffsets)
    {
        var key = $"$P{n}E";
        var text = _keywords[key];
        if (text is null)
        {
            return (0, 0);
        }

        var parts = text.Split(',');
        if (parts.Length != 2 ||
            !double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var decades) ||
            !double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var offset) ||
            decades < 0 || !double.IsFinite(decades) || !double.IsFinite(offset))
        {
            _warnings.Add($"{key} is '{text}', not 'f1,f2'; read as linear (0,0).");
            return (0, 0);
        }

        if (decades > 0 && offset == 0 && dataType is 'I' or 'A')
        {
            zeroLogOffsets.Add($"$P{n}");
            offset = 1;
        }

        return (decades, offset);
    }

    /// <summary>The low bits up to the next power of two of $PnR (value &amp; (2^k − 1) with 2^k ≥ $PnR).</summary>
    private static ulong IntegerMask(int bits, double? range)
    {
        var widthMask = bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
        if (range is not { } r || r <= 0 || !double.IsFinite(r) || r > widthMask || r > (double)(1UL << 63))
        {
            return widthMask;
        }

        ulong power = 1;
        while (power < r)
        {
            power <<= 1;
        }

        return (power - 1) & widthMask;
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
        var candidates = new List<(long Begin, long End, string Origin)>(2);
        if (headerBegin != 0 || headerEnd != 0)
        {
            candidates.Add((_start + headerBegin, _start + headerEnd, "HEADER"));
        }

        var textBegin = ParseOffsetKeyword(_keywords, "$BEGINDATA");
        var textEnd = ParseOffsetKeyword(_keywords, "$ENDDATA");
        if (textBegin is > 0 || textEnd is > 0)
        {
            var fromText = (_start + (textBegin ?? 0), _start + (textEnd ?? 0), "TEXT");
            if (candidates.Count == 0 || candidates[0].Begin != fromText.Item1 || candidates[0].End != fromText.Item2)
            {
                candidates.Add(fromText);
            }
        }

        var fileLength = _bytes.Length;
        if (total == 0 && !layout.IsDelimitedAscii)
        {
            return (_start + headerBegin, 0, 0);
        }

        var usable = candidates.Where(c => c.Begin >= _start + HeaderLength && c.Begin < fileLength && !Overlaps(c.Begin, Math.Max(c.Begin, c.End), _textBegin, _textEnd)).ToList();
        if (usable.Count == 0)
        {
            var described = candidates.Count == 0 ? "neither HEADER nor $BEGINDATA gives a DATA offset" :
                string.Join("; ", candidates.Select(c => $"{c.Origin} says {c.Begin}–{c.End}")) +
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

        (long Begin, long End, string Origin)? exact = null, oneOver = null, longer = null, openEnded = null;
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
            throw Fail("DATA", tooLong.Begin, $"$TOT = {total} events × {eventBits / 8.0} bytes ({layout.ParameterCount} parameters) need {expected} bytes but the DATA segment ({tooLong.Origin}: {tooLong.Begin}–{tooLong.End}) holds {held}; $PAR, $PnB or $TOT do not describe the data, so its values would be garbage");
        }

        var pick = exact ?? oneOver ?? openEnded;
        if (pick is not { } p)
        {
            var c = usable[0];
            var declared = c.End - c.Begin + 1;
            var problem = c.Begin + expected > fileLength
                ? $"$TOT = {total} events need {expected} bytes from byte {c.Begin}, but the file ends after {fileLength - c.Begin} of them; the file is truncated or $TOT is wrong"
                : $"$TOT = {total} events need {expected} bytes but the DATA segment ({c.Origin}: {c.Begin}–{c.End}) holds {declared}; $TOT does not fit the data";
            throw Fail("DATA", c.Begin, problem);
        }

        if (candidates.Count > 1)
        {
            _warnings.Add($"HEADER and TEXT disagree on DATA ({string.Join(", ", candidates.Select(c => $"{c.Origin} {c.Begin}–{c.End}"))}); " +
                          $"used {p.Origin} {p.Begin}–{p.Begin + expected - 1}, consistent with $TOT × event size = {expected} bytes.");
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

    private (long Begin, long Length, int Events) LocateDelimitedAscii(List<(long Begin, long End, string Origin)> usable, FcsDataLayout layout, long? total)
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

    private void Decode(FcsEventDecoder decoder, FcsDataLayout layout, long begin, long length, int eventCount)
    {
        if (eventCount == 0)
        {
            return;
        }

        if (layout.DataType == 'A' || layout.IsPacked)
        {
            if (length > int.MaxValue)
            {
                throw Fail("DATA", begin, $"{(layout.IsPacked ? "packed integer" : "ASCII")} DATA larger than 2 GB is not supported");
            }

            ReadOnlySpan<byte> whole;
            if (_bytes.TryGetMemory(begin, (int)length, out var memory))
            {
                whole = memory.Span;
            }
            else
            {
                var copy = GC.AllocateUninitializedArray<byte>((int)length);
                ReadSlice(begin, copy);
                whole = copy;
            }

            if (layout.IsPacked)
            {
                decoder.DecodePacked(whole, eventCount);
            }
            else if (!decoder.DecodeAscii(whole, eventCount, out var bad))
            {
                throw Fail("DATA", begin + bad, "ASCII DATA holds a field that is not a number");
            }

            return;
        }

        // Byte-aligned DATA always goes through a slice buffer, even when the whole file is already in memory:
        // a streaming copy of a slice followed by a de-interleave that reads from L2 beat de-interleaving
        // straight out of a large array (8.1 ms against 12.0 ms for 48 MB; see FcsReaderBenchmarks).
        var eventBytes = layout.EventBytes;
        var eventsPerSlice = Math.Max(1, StreamSliceBytes / eventBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(eventsPerSlice * eventBytes);
        try
        {
            for (var first = 0; first < eventCount; first += eventsPerSlice)
            {
                var n = Math.Min(eventsPerSlice, eventCount - first);
                var slice = buffer.AsSpan(0, n * eventBytes);
                ReadSlice(begin + ((long)first * eventBytes), slice);
                decoder.DecodeAligned(slice, first, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Decodes byte-aligned DATA one slice of whole events at a time into slice-sized columns handed to
    /// <paramref name="slices"/>, so memory stays at two slices whatever the file's size. Packed and ASCII DATA are
    /// decoded in one go by <see cref="Decode"/> (as without slices) and handed over as a single slice: a packed
    /// bit stream and delimited text have no byte offset for an event without reading what comes before it, and
    /// both occur only in small, old files.
    /// </summary>
    private void DecodeInSlices(IFcsEventSlices slices, int dataSet, FcsDataLayout layout, long begin, long length, int eventCount)
    {
        if (eventCount == 0)
        {
            return;
        }

        if (layout.DataType == 'A' || layout.IsPacked)
        {
            var whole = new FcsEventDecoder(layout, eventCount);
            Decode(whole, layout, begin, length, eventCount);
            slices.Accept(dataSet, whole.Columns, eventCount);
            return;
        }

        var eventBytes = layout.EventBytes;
        var eventsPerSlice = Math.Min(eventCount, Math.Max(1, StreamSliceBytes / eventBytes));
        var decoder = new FcsEventDecoder(layout, eventsPerSlice);
        var buffer = ArrayPool<byte>.Shared.Rent(eventsPerSlice * eventBytes);
        try
        {
            for (var first = 0; first < eventCount; first += eventsPerSlice)
            {
                var n = Math.Min(eventsPerSlice, eventCount - first);
                var slice = buffer.AsSpan(0, n * eventBytes);
                ReadSlice(begin + ((long)first * eventBytes), slice);
                decoder.DecodeAligned(slice, 0, n);
                slices.Accept(dataSet, decoder.Columns, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads DATA bytes; a file that shrank after it was opened is refused naming the file, not as a bare end of stream.</summary>
    private void ReadSlice(long offset, Span<byte> destination)
    {
        try
        {
            _bytes.Read(offset, destination);
        }
        catch (EndOfStreamException exception)
        {
            throw Fail("DATA", offset, "the file ended while its events were read (" + exception.Message + "); it was truncated or replaced while being read");
        }
    }

    private long ReadNextData()
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
        if (next < 0 || absolute + HeaderLength > _bytes.Length)
        {
            _warnings.Add($"$NEXTDATA {next} points outside the file; no further data sets are read.");
            return 0;
        }

        return absolute;
    }

    private string Required(string key) =>
        _keywords[key] ?? throw Fail("TEXT", _textBegin, $"required keyword {key} is missing");

    private double? ParseDouble(string key)
    {
        var text = _keywords[key];
        return text is not null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;
    }

    private long? ParseOffsetKeyword(FcsKeywords keywords, string key)
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

        _warnings.Add($"{key} is '{text}', not an offset; ignored.");
        return null;
    }

    private long OffsetOf(string key)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (string.Equals(_pairs[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _pairOffsets[i];
            }
        }

        return _textBegin;
    }

    private static bool ContainsBinary(ReadOnlySpan<byte> segment, byte delimiter)
    {
        foreach (var b in segment)
        {
            if (b < 0x09 && b != delimiter)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(long begin, long end, long otherBegin, long otherEnd) => begin <= otherEnd && otherBegin <= end;

    private FcsFormatException Fail(string segment, long offset, string problem) => new(_source, segment, offset, problem);

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return builder.ToString();
    }

    private static string DescribeNonFcs(ReadOnlySpan<byte> header)
    {
        var start = header.TrimStart(" \t\r\n\uFEFF"u8);
        if (start.Length > 0 && start[0] == '<')
        {
            return " (HTML or XML saved as .fcs, not an FCS file)";
        }

        return header.IndexOfAnyExceptInRange((byte)0x09, (byte)0x7E) >= 0 ? " (binary data, not an FCS file)" : " (not an FCS file)";
    }
}
