using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// The seeds the FCS fuzzer mutates: every real file of tests/data/fcs shrunk to a few events (keeping its instrument's TEXT),
/// the small real files byte for byte, the first bytes of the large ones, files our writer makes in each of its
/// layouts, and hand-laid files for what the writer cannot make (integer widths, ASCII, float64, packed bits,
/// two data sets, supplemental TEXT).
/// </summary>
internal static class FcsSeedCorpus
{
    private const int ShrunkEvents = 24;
    private const int WholeFileLimit = 30_000;
    private const int PrefixLength = 3_000;

    public static IReadOnlyList<FcsSeedInput> Load()
    {
        var seeds = new List<FcsSeedInput>();
        var files = Directory.GetFiles(TestPaths.CorpusFcs, "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "ref" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !path.EndsWith(".md", StringComparison.Ordinal) && !path.EndsWith(".tsv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        foreach (var path in files)
        {
            var bytes = File.ReadAllBytes(path);
            var name = Path.GetFileName(path);
            if (FcsSeed.Parse(bytes) is { } model && model.Shrink(ShrunkEvents))
            {
                seeds.Add(new("shrunk:" + name, model.ToBytes(), model));
            }

            seeds.Add(bytes.Length <= WholeFileLimit
                ? new("whole:" + name, bytes, null)
                : new("prefix:" + name, bytes.AsSpan(0, PrefixLength).ToArray(), null));
        }

        foreach (var (name, bytes) in WriterFiles())
        {
            seeds.Add(new(name, bytes, FcsSeed.Parse(bytes)));
        }

        foreach (var (name, model) in HandLaidFiles())
        {
            seeds.Add(new(name, model.ToBytes(), model));
        }

        seeds.Add(new("two-data-sets", TwoDataSets(), null));
        return seeds;
    }

    private static IEnumerable<(string Name, byte[] Bytes)> WriterFiles()
    {
        var parameters = new[]
        {
            new FcsWriteParameter("FSC-A", null, 262144),
            new FcsWriteParameter("FITC-A", "DiOC6", 262144, Gain: 1.5, Voltage: 450),
            new FcsWriteParameter("PE-A", "PI", 262144),
        };
        var columns = new[]
        {
            new[] { 1f, 2.5f, 100000f, -3f, 0f, 7f },
            new[] { 10f, float.MaxValue, 3f, 4f, 5f, 6f },
            new[] { 0.5f, 1e-30f, 2f, 9f, 8f, 7f },
        };
        var keywords = new List<KeyValuePair<string, string>>
        {
            new("$FIL", "tube|1.fcs"),
            new("TUBE NAME", "Untreated"),
            new("SPILL", "3,FSC-A,FITC-A,PE-A,1,0,0,0,1,0.1,0,0.02,1"),
        };
        var dataSet = new FcsWriteDataSet(parameters, columns, keywords);
        var layouts = new (string Name, FcsWriterOptions Options)[]
        {
            ("writer:3.1", new FcsWriterOptions()),
            ("writer:3.1-big-endian", new FcsWriterOptions { BigEndian = true }),
            ("writer:3.0-facsdiva", new FcsWriterOptions { FacsDivaLayout = true }),
            ("writer:3.0-slash", new FcsWriterOptions { Version = "3.0", Delimiter = '/' }),
            ("writer:3.1-tab", new FcsWriterOptions { Delimiter = '\t' }),
        };
        foreach (var (name, options) in layouts)
        {
            using var stream = new MemoryStream();
            FcsWriter.Write(stream, dataSet, options);
            yield return (name, stream.ToArray());
        }
    }

    private static IEnumerable<(string Name, FcsSeed Model)> HandLaidFiles()
    {
        yield return ("hand:int16-big-endian", Integers("3.0", 16, "4,3,2,1", events: 5, parameters: 3));
        yield return ("hand:int8", Integers("3.1", 8, "1,2,3,4", events: 7, parameters: 2));
        yield return ("hand:int32-little-endian", Integers("3.1", 32, "1,2,3,4", events: 4, parameters: 2));
        yield return ("hand:int64", Integers("3.1", 64, "1,2,3,4", events: 3, parameters: 2));
        yield return ("hand:int24", Integers("3.0", 24, "4,3,2,1", events: 6, parameters: 2));
        yield return ("hand:int10-packed", Integers("2.0", 10, "1,2", events: 8, parameters: 3));
        yield return ("hand:int12-packed", Integers("3.0", 12, "4,3,2,1", events: 5, parameters: 2));

        var doubles = Integers("3.1", 64, "1,2,3,4", events: 3, parameters: 2);
        doubles.Set("$DATATYPE", "D");
        var values = new byte[doubles.Data.Length];
        for (var i = 0; i < values.Length / 8; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(values.AsSpan(8 * i), i * -4.5);
        }

        doubles.Data = values;
        yield return ("hand:float64", doubles);

        var fixedAscii = Integers("3.0", 4, "1,2,3,4", events: 3, parameters: 2);
        fixedAscii.Set("$DATATYPE", "A");
        fixedAscii.Data = Encoding.ASCII.GetBytes("001200340056007801230456");
        yield return ("hand:ascii-fixed", fixedAscii);

        var delimitedAscii = Integers("2.0", 8, "1,2,3,4", events: 3, parameters: 2);
        delimitedAscii.Set("$DATATYPE", "A");
        delimitedAscii.Set("$P1B", "*");
        delimitedAscii.Set("$P2B", "*");
        delimitedAscii.Data = Encoding.ASCII.GetBytes("1,2 30\t4\r\n500,6 ");
        yield return ("hand:ascii-delimited", delimitedAscii);

        var diva = Integers("3.0", 16, "4,3,2,1", events: 4, parameters: 2);
        diva.Delimiter = 0x0C;
        diva.TextStart = 256;
        diva.Set("$TOT", "       4");
        diva.Trailer = Encoding.ASCII.GetBytes("00000000");
        diva.Set("$BEGINDATA", "0");
        diva.Set("$ENDDATA", "0");
        yield return ("hand:facsdiva-layout", diva);

        var big = Integers("3.1", 16, "1,2,3,4", events: 5, parameters: 2);
        big.HeaderDataZero = true;
        big.Set("$BEGINDATA", "0");
        big.Set("$ENDDATA", "0");
        big.DataEndSlack = 1;
        yield return ("hand:offsets-in-text-only", big);

        var cellQuest = Integers("2.0", 16, "4,3,2,1", events: 3, parameters: 3);
        cellQuest.Delimiter = (byte)'\\';
        cellQuest.Set("$P2S", string.Empty);
        cellQuest.Set("$P3S", "CD19\\CD5");
        cellQuest.Set("CREATOR", "CellQuest\u00e9 3.3");
        yield return ("hand:cellquest-empty-values", cellQuest);

        var spill = Integers("3.1", 32, "1,2,3,4", events: 2, parameters: 2);
        spill.Set("$SPILLOVER", "2,$P1N,$P2N,1,0,05,0,1");
        spill.Set("$P1E", "4,0");
        spill.Set("$P2G", "0");
        spill.Set("$PAR", "2");
        yield return ("hand:decimal-comma-spillover", spill);

        var supplemental = Integers("3.0", 16, "1,2,3,4", events: 2, parameters: 2);
        supplemental.Set("$BEGINSTEXT", "0");
        supplemental.Set("$ENDSTEXT", "0");
        yield return ("hand:supplemental-text-keywords", supplemental);
    }

    /// <summary>A list-mode integer file with values that use the whole of each parameter's width.</summary>
    private static FcsSeed Integers(string version, int bits, string byteOrder, int events, int parameters)
    {
        var seed = new FcsSeed { Version = version };
        seed.Set("$BEGINANALYSIS", "0");
        seed.Set("$ENDANALYSIS", "0");
        seed.Set("$BEGINSTEXT", "0");
        seed.Set("$ENDSTEXT", "0");
        seed.Set("$BEGINDATA", "0");
        seed.Set("$ENDDATA", "0");
        seed.Set("$BYTEORD", byteOrder);
        seed.Set("$DATATYPE", "I");
        seed.Set("$MODE", "L");
        seed.Set("$NEXTDATA", "0");
        seed.Set("$PAR", parameters.ToString(CultureInfo.InvariantCulture));
        seed.Set("$TOT", events.ToString(CultureInfo.InvariantCulture));
        for (var n = 1; n <= parameters; n++)
        {
            var p = "$P" + n.ToString(CultureInfo.InvariantCulture);
            seed.Set(p + "N", "Ch" + n.ToString(CultureInfo.InvariantCulture) + "-A");
            seed.Set(p + "B", bits.ToString(CultureInfo.InvariantCulture));
            seed.Set(p + "R", bits >= 31 ? "4294967296" : (1L << bits).ToString(CultureInfo.InvariantCulture));
            seed.Set(p + "E", "0,0");
        }

        var data = new byte[((events * parameters * bits) + 7) / 8];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i * 37) + 11);
        }

        seed.Data = data;
        return seed;
    }

    /// <summary>Two FCS 3.0 data sets chained by $NEXTDATA (relative to the first data set's start).</summary>
    private static byte[] TwoDataSets()
    {
        var first = Integers("3.0", 16, "4,3,2,1", events: 3, parameters: 2);
        var second = Integers("3.0", 16, "4,3,2,1", events: 2, parameters: 2);
        var secondBytes = second.ToBytes();
        var firstBytes = first.ToBytes();
        for (var pass = 0; pass < 3; pass++)
        {
            first.Set("$NEXTDATA", firstBytes.Length.ToString(CultureInfo.InvariantCulture));
            firstBytes = first.ToBytes();
        }

        return [.. firstBytes, .. secondBytes];
    }
}
