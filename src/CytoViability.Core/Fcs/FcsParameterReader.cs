using System.Globalization;

namespace CytoViability.Core.Fcs;

/// <summary>
/// Reads what TEXT says about the parameters of one data set — $MODE, $PAR, $DATATYPE, $BYTEORD and each $Pn
/// keyword — into the parameters and the layout of one event in DATA.
/// </summary>
internal sealed class FcsParameterReader
{
    /// <summary>Most parameters a data set may declare: cytometers record tens to a few hundred.</summary>
    public const int MaxParameters = 10_000;

    private readonly FcsText _text;
    private readonly FcsKeywords _keywords;
    private readonly List<string> _warnings;
    private readonly List<string> _notes;

    private FcsParameterReader(FcsText text, List<string> warnings, List<string> notes)
    {
        _text = text;
        _keywords = text.Keywords;
        _warnings = warnings;
        _notes = notes;
    }

    /// <summary>
    /// The parameters of <paramref name="text"/>'s data set and how DATA lays out its events; repairs are added to
    /// <paramref name="warnings"/>, what is normal for the instrument to <paramref name="notes"/>.
    /// </summary>
    public static FcsParameterSet Read(FcsText text, List<string> warnings, List<string> notes)
    {
        var reader = new FcsParameterReader(text, warnings, notes);
        reader.CheckMode();
        var parameterCount = reader.ReadParameterCount();
        var dataType = reader.ReadDataType();
        var (bigEndian, significance) = reader.ReadByteOrder(dataType);
        var (parameters, layoutBits, masks) = reader.ReadParameters(parameterCount, dataType);
        reader.CheckByteOrderFitsValues(parameters, dataType);
        var timeGainIsTimestep = reader.FindTimeGainEqualToTimestep(parameters);
        return new FcsParameterSet(parameters, new FcsDataLayout(dataType, layoutBits, masks, bigEndian, significance), timeGainIsTimestep);
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

        if (count > _keywords.Count)
        {
            throw Fail("TEXT", OffsetOf("$PAR"), $"$PAR says {count} parameters but TEXT has only {_keywords.Count} keywords, too few to describe them");
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

            // FCS 3.2 lets one parameter override $DATATYPE; every value is decoded with the one $DATATYPE, so a
            // parameter stored otherwise would decode as garbage: refused, not read.
            var typeKey = $"$P{n}DATATYPE";
            if (_keywords[typeKey] is { } typeText && typeText.Trim().ToUpperInvariant() is var parameterType && parameterType != dataType.ToString())
            {
                throw Fail("TEXT", OffsetOf(typeKey), $"{typeKey} is '{parameterType}' but $DATATYPE is {dataType}: parameters of mixed data types are not supported");
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

    private string Required(string key) => _text.Required(key);

    private double? ParseDouble(string key) => _text.ParseDouble(key);

    private long OffsetOf(string key) => _text.OffsetOf(key);

    private FcsFormatException Fail(string segment, long offset, string problem) => _text.Fail(segment, offset, problem);
}
