using System.Globalization;
using System.Text;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Makes hostile variants of FCS seeds: edits of the TEXT model laid out again with consistent offsets (so the
/// reader's checks past the HEADER are reached), then byte-level damage of the file. Deterministic for a seed.
/// </summary>
internal sealed class FcsMutator(Random random)
{
    private static readonly string[] HugeNumbers =
    [
        "1000000000000", "2147483647", "2147483648", "4294967295", "4294967296", "9223372036854775807",
        "9223372036854775808", "99999999999999999999999", "-1", "-2147483648", "0", "1e12", "1E300", "NaN", "0x10",
        " 12", "12 ", "+5", "", " ", "1,5", "١٢", "٣",
    ];

    private static readonly string[] StructuralKeys =
    [
        "$TOT", "$PAR", "$BEGINDATA", "$ENDDATA", "$NEXTDATA", "$DATATYPE", "$BYTEORD", "$MODE", "$BEGINSTEXT",
        "$ENDSTEXT", "$BEGINANALYSIS", "$ENDANALYSIS", "$SPILLOVER", "SPILL", "$TIMESTEP",
    ];

    private static readonly string[] OffsetNumbers = ["0", "1", "57", "58", "255", "256", "99999999", "-1", "abcdefgh", "        ", "00000000", "9999999999"];

    private static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x7F, 0x80, (byte)'|', (byte)'\\', (byte)'/', 0x0C, (byte)'$', (byte)'0', (byte)'9', (byte)' ', (byte)',', (byte)'\n', (byte)'\r'];

    public byte[] Mutate(FcsSeedInput seed, IReadOnlyList<FcsSeedInput> all)
    {
        byte[] bytes;
        if (seed.Model is { } model && random.Next(3) != 0)
        {
            var edited = model.Clone();
            var edits = random.Next(1, 4);
            for (var i = 0; i < edits; i++)
            {
                EditModel(edited);
            }

            bytes = edited.ToBytes();
            if (random.Next(3) != 0)
            {
                return bytes;
            }
        }
        else
        {
            bytes = seed.Bytes;
        }

        var damage = random.Next(1, 4);
        for (var i = 0; i < damage; i++)
        {
            bytes = Damage(bytes, all);
        }

        return bytes;
    }

    private void EditModel(FcsSeed seed)
    {
        var parameters = int.TryParse(seed.Get("$PAR")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 64) : 2;
        switch (random.Next(15))
        {
            case 0:
                seed.Set(Pick(StructuralKeys), Pick(HugeNumbers));
                break;
            case 1:
                seed.Set("$TOT", Pick(["1000000000000", "2147483647", "4294967296", "0", "1", "-5", "999999999999999999"]));
                break;
            case 2:
                seed.Set("$PAR", Pick(["0", "1", "100000000", "2147483647", "-1", (parameters + 1).ToString(CultureInfo.InvariantCulture), "1000"]));
                break;
            case 3:
                seed.Set(ParameterKey(parameters, "B"), Pick(["0", "1", "7", "9", "33", "63", "65", "128", "2147483647", "-8", "*", "X", "24", "12"]));
                break;
            case 4:
                seed.Set(ParameterKey(parameters, Pick(["R", "E", "G", "N", "S", "V"])), Pick(["0", "-1", "1e308", "NaN", "Infinity", "4,0", "0,0", "1,", ",", "2,3,4", "4294967296", "", "$P1N"]));
                break;
            case 5:
                seed.Set("$DATATYPE", Pick(["I", "F", "D", "A", "X", "i", "f"]));
                break;
            case 6:
                seed.Set("$BYTEORD", Pick(["1,2,3,4", "4,3,2,1", "1,2", "2,1", "3,4,1,2", "1", "1,2,3,4,5,6,7,8", "", "2,1,4,3"]));
                break;
            case 7:
                seed.Delimiter = Pick(InterestingBytes);
                break;
            case 8:
                if (seed.Keywords.Count > 0)
                {
                    var index = random.Next(seed.Keywords.Count);
                    var duplicate = seed.Keywords[index];
                    seed.Keywords.Insert(random.Next(seed.Keywords.Count + 1), new(duplicate.Key, random.Next(2) == 0 ? duplicate.Value : Pick(HugeNumbers)));
                }

                break;
            case 9:
                if (seed.Keywords.Count > 0)
                {
                    seed.Keywords.RemoveAt(random.Next(seed.Keywords.Count));
                }

                break;
            case 10:
                // Duplicated segments: DATA twice, or the TEXT's keywords again as a supplemental TEXT.
                if (random.Next(2) == 0)
                {
                    seed.Data = [.. seed.Data, .. seed.Data];
                }
                else
                {
                    seed.Keywords.AddRange(seed.Keywords.ToArray());
                }

                break;
            case 11:
                seed.HeaderDataZero = !seed.HeaderDataZero;
                seed.DataEndSlack = random.Next(-2, 3);
                seed.TextStart = random.Next(2) == 0 ? 58 : 256;
                break;
            case 13:
            {
                // A supplemental TEXT or ANALYSIS segment that overlaps HEADER, TEXT or DATA, or runs past the end.
                var (begin, end) = random.Next(2) == 0 ? ("$BEGINSTEXT", "$ENDSTEXT") : ("$BEGINANALYSIS", "$ENDANALYSIS");
                var start = random.Next(0, seed.TextStart + 600);
                seed.Set(begin, start.ToString(CultureInfo.InvariantCulture));
                seed.Set(end, (start + random.Next(-2, 400)).ToString(CultureInfo.InvariantCulture));
                break;
            }

            case 12:
                seed.Set("$NEXTDATA", Pick(["0", "1", "58", "-58", (seed.TextStart - 58).ToString(CultureInfo.InvariantCulture), "99999999999"]));
                break;
            default:
                seed.Set(Pick(["$SPILLOVER", "SPILL", "$COMP"]), Pick(["2,a,b,1,0,0,1", "2000000000,a", "1,a", "3,a,b,c,1,0", "-1", "2,$P1N,$P1N,1,0,5,1", "0", "2,a,b,1,0,0,1,9"]));
                break;
        }
    }

    private byte[] Damage(byte[] bytes, IReadOnlyList<FcsSeedInput> all)
    {
        if (bytes.Length == 0)
        {
            return [(byte)'F'];
        }

        switch (random.Next(10))
        {
            case 0:
            {
                var copy = (byte[])bytes.Clone();
                var flips = random.Next(1, 9);
                for (var i = 0; i < flips; i++)
                {
                    copy[FavourFront(copy.Length)] ^= (byte)(1 << random.Next(8));
                }

                return copy;
            }

            case 1:
            {
                var copy = (byte[])bytes.Clone();
                copy[FavourFront(copy.Length)] = Pick(InterestingBytes);
                return copy;
            }

            case 2:
                return bytes.AsSpan(0, random.Next(2) == 0 ? FavourFront(bytes.Length) : random.Next(bytes.Length)).ToArray();

            case 3:
            {
                if (bytes.Length < 58)
                {
                    return bytes;
                }

                var copy = (byte[])bytes.Clone();
                var field = Pick(OffsetNumbers);
                var text = field.Length > 8 ? field[..8] : field.PadLeft(8);
                Encoding.Latin1.GetBytes(text).CopyTo(copy, 10 + (8 * random.Next(6)));
                return copy;
            }

            case 4:
            {
                if (bytes.Length < 58)
                {
                    return bytes;
                }

                var copy = (byte[])bytes.Clone();
                var offset = random.Next(copy.Length) + random.Next(-2, 3);
                var text = Math.Max(0, offset).ToString(CultureInfo.InvariantCulture).PadLeft(8);
                Encoding.Latin1.GetBytes(text[^8..]).CopyTo(copy, 10 + (8 * random.Next(6)));
                return copy;
            }

            case 5:
            {
                if (bytes.Length < 6)
                {
                    return bytes;
                }

                var copy = (byte[])bytes.Clone();
                Encoding.Latin1.GetBytes(Pick(["FCS1.0", "FCS2.0", "FCS3.0", "FCS3.1", "FCS3.2", "FCS9.9", "fcs3.0", "<html", "\0\0\0\0\0\0"])).CopyTo(copy, 0);
                return copy;
            }

            case 6:
            {
                var at = random.Next(bytes.Length);
                var length = Math.Min(random.Next(1, 64), bytes.Length - at);
                var from = random.Next(bytes.Length - length + 1);
                return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(from, length), .. bytes.AsSpan(at)];
            }

            case 7:
            {
                var at = random.Next(bytes.Length);
                var length = Math.Min(random.Next(1, 64), bytes.Length - at);
                return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + length)];
            }

            case 8:
            {
                var other = all[random.Next(all.Count)].Bytes;
                var cut = random.Next(Math.Min(bytes.Length, other.Length) + 1);
                return [.. bytes.AsSpan(0, cut), .. other.AsSpan(Math.Min(cut, other.Length))];
            }

            default:
            {
                // Swap the TEXT delimiter for another byte wherever it occurs after the HEADER.
                if (bytes.Length < 60)
                {
                    return bytes;
                }

                var copy = (byte[])bytes.Clone();
                var textStart = int.TryParse(Encoding.Latin1.GetString(copy, 10, 8).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start < copy.Length ? start : 58;
                var delimiter = copy[textStart];
                var replacement = Pick(InterestingBytes);
                var limit = Math.Min(copy.Length, textStart + 4096);
                for (var i = textStart; i < limit; i++)
                {
                    if (copy[i] == delimiter && random.Next(4) != 0)
                    {
                        copy[i] = replacement;
                    }
                }

                return copy;
            }
        }
    }

    /// <summary>Half of all positions fall in the first 512 bytes, where HEADER and TEXT are.</summary>
    private int FavourFront(int length) => random.Next(2) == 0 ? random.Next(Math.Min(length, 512)) : random.Next(length);

    private string ParameterKey(int parameters, string letter)
        => "$P" + random.Next(1, parameters + 1).ToString(CultureInfo.InvariantCulture) + letter;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
