using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>
/// Every real file in tests/data/fcs against the reference JSON beside it (FlowIO 1.4.0, cross-checked by
/// fcsparser): the sha256 of the whole event matrix as little-endian float64, the shape, min/max/mean per
/// channel, and the TEXT keywords exactly as written.
/// </summary>
public sealed class ReferenceCorpusTests
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(Path.Combine(TestPaths.CorpusFcs, "manifest.tsv")).Skip(1))
        {
            if (line.Length > 0)
            {
                data.Add(line.Split('\t')[0]);
            }
        }

        return data;
    }

    [Fact]
    public void Manifest_ListsAll36Files()
    {
        Assert.Equal(36, CorpusFiles().Count);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void DataSetZero_MatchesReferenceEventsExactly(string file)
    {
        using var reference = LoadReference(file);
        var events = reference.RootElement.GetProperty("events");
        var dataSet = FcsReader.ReadFile(Path.Combine(TestPaths.CorpusFcs, file)).DataSets[0];

        AssertSummaryMatches(events, dataSet);
        Assert.Equal(events.GetProperty("sha256_f64le").GetString(), Sha256OfEvents(dataSet));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void EveryDataSet_MatchesReferenceDataSetSummary(string file)
    {
        using var reference = LoadReference(file);
        var root = reference.RootElement;
        var read = FcsReader.ReadFile(Path.Combine(TestPaths.CorpusFcs, file));
        Assert.Equal(root.GetProperty("n_datasets").GetInt32(), read.DataSets.Count);
        if (!root.TryGetProperty("datasets", out var dataSets) || dataSets.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        for (var i = 0; i < dataSets.GetArrayLength(); i++)
        {
            var expected = dataSets[i];
            var dataSet = read.DataSets[i];
            if (expected.GetProperty("events").ValueKind != JsonValueKind.Object)
            {
                // FlowIO could not decode this data set (24-bit integers); data set 0 is checked against fcsparser above.
                continue;
            }

            Assert.Equal(expected.GetProperty("version").GetString(), dataSet.Version);
            var names = expected.GetProperty("pnn").EnumerateArray().Select(e => e.GetString()).ToArray();
            if (names.Length == dataSet.Parameters.Count)
            {
                Assert.Equal(names, dataSet.Parameters.Select(p => p.Name).ToArray());
            }

            var events = expected.GetProperty("events");
            AssertSummaryMatches(events, dataSet);
            Assert.Equal(events.GetProperty("sha256_f64le").GetString(), Sha256OfEvents(dataSet));
        }
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Keywords_MatchReferenceTextExactly(string file)
    {
        using var reference = LoadReference(file);
        var root = reference.RootElement;
        var path = Path.Combine(TestPaths.CorpusFcs, file);
        var dataSet = FcsReader.ReadFile(path, new FcsReadOptions { KeywordsOnly = true }).DataSets[0];
        var keywords = dataSet.Keywords;
        Assert.Equal(root.GetProperty("version").GetString(), dataSet.Version);

        var expected = ExpectedKeywords(root, path);
        Assert.Equal(expected.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count(),
            keywords.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count());
        foreach (var (key, value) in expected)
        {
            var values = keywords.Where(k => k.Key == key).Select(k => k.Value).ToArray();
            Assert.True(values.Length > 0, $"keyword '{key}' missing");

            // The reference is a dictionary: for a repeated keyword it holds the last value.
            Assert.Equal(value, values[^1]);
        }
    }

    /// <summary>
    /// The reference's keywords, with one correction made by hand from the bytes: its strict rule reads an empty
    /// value (two delimiters in a row, CellQuest and Partec) as an escaped delimiter and merges neighbouring
    /// keywords into one key like "$P3S\\$P4S\\$P6N". Such a key is split back: every part but the last has an
    /// empty value; a dangling "&amp;10Analysis Doc.\\" is a keyword with an empty value.
    /// </summary>
    private static List<KeyValuePair<string, string>> ExpectedKeywords(JsonElement root, string path)
    {
        var textStart = root.GetProperty("header_raw").GetProperty("text_start").GetInt64();
        using var stream = File.OpenRead(path);
        stream.Position = textStart;
        var delimiter = ((char)stream.ReadByte()).ToString();
        var expected = new List<KeyValuePair<string, string>>();
        foreach (var property in root.GetProperty("text_raw").EnumerateObject())
        {
            var parts = property.Name.Split(delimiter);
            for (var i = 0; i < parts.Length - 1; i++)
            {
                expected.Add(new(parts[i], string.Empty));
            }

            expected.Add(new(parts[^1], property.Value.GetString()!));
        }

        if (root.TryGetProperty("text_raw_anomalies", out var anomalies) && anomalies.ValueKind == JsonValueKind.Object &&
            anomalies.TryGetProperty("dangling_token", out var dangling))
        {
            expected.Add(new(dangling.GetString()!.TrimEnd(delimiter[0]), string.Empty));
        }

        return expected;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Parameters_MatchReferenceNamesAndStains(string file)
    {
        using var reference = LoadReference(file);
        var root = reference.RootElement;
        var dataSet = FcsReader.ReadFile(Path.Combine(TestPaths.CorpusFcs, file), new FcsReadOptions { KeywordsOnly = true }).DataSets[0];
        Assert.Equal(root.GetProperty("par").GetInt32(), dataSet.Parameters.Count);
        Assert.Equal(root.GetProperty("tot").GetInt32(), dataSet.EventCount);
        // FlowIO loses $PnN behind CellQuest's empty values (7 names for 8 parameters in 0877408774.B08).
        var names = root.GetProperty("pnn").EnumerateArray().Select(e => e.GetString()!).ToArray();
        if (names.Length == dataSet.Parameters.Count)
        {
            Assert.Equal(names, dataSet.Parameters.Select(p => p.Name).ToArray());
        }

        var stains = root.GetProperty("pns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        if (stains.Length == dataSet.Parameters.Count && names.Length == dataSet.Parameters.Count)
        {
            Assert.Equal(stains, dataSet.Parameters.Select(p => dataSet.Keywords[$"$P{p.Number}S"] ?? string.Empty).ToArray());
        }
    }

    private static JsonDocument LoadReference(string file) =>
        JsonDocument.Parse(File.ReadAllBytes(TestPaths.CorpusFcsReference(file)));

    private static void AssertSummaryMatches(JsonElement events, FcsDataSet dataSet)
    {
        var shape = events.GetProperty("shape");
        Assert.Equal(shape[0].GetInt32(), dataSet.EventCount);
        Assert.Equal(shape[1].GetInt32(), dataSet.Parameters.Count);
        if (dataSet.EventCount == 0)
        {
            return;
        }

        for (var c = 0; c < dataSet.Parameters.Count; c++)
        {
            var column = dataSet.ExactColumn(c);
            Assert.Equal(ReadNumber(events.GetProperty("min")[c]), column.Min());
            Assert.Equal(ReadNumber(events.GetProperty("max")[c]), column.Max());
            var mean = column.Average();
            var expectedMean = ReadNumber(events.GetProperty("mean")[c]);
            Assert.True(Math.Abs(mean - expectedMean) <= 1e-9 * Math.Max(1, Math.Abs(expectedMean)),
                $"channel {c}: mean {mean} vs reference {expectedMean}");
        }
    }

    private static double ReadNumber(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new FormatException(other),
        }
        : element.GetDouble();

    /// <summary>sha256 of the event matrix as little-endian float64, event by event, as the reference writes it.</summary>
    internal static string Sha256OfEvents(FcsDataSet dataSet)
    {
        var columns = Enumerable.Range(0, dataSet.Parameters.Count).Select(dataSet.ExactColumn).ToArray();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var row = new byte[columns.Length * 8];
        for (var e = 0; e < dataSet.EventCount; e++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(row.AsSpan(c * 8), columns[c][e]);
            }

            hash.AppendData(row);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
