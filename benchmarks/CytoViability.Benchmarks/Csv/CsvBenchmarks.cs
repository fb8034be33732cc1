using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CytoViability.Core.Csv;
using CytoViability.Core.Output;

namespace CytoViability.Benchmarks.Csv;

/// <summary>
/// CSV through Sep (issue 12) against the hand-written code it replaced (<see cref="HandWrittenCsvWriter"/>,
/// <see cref="HandWrittenCsvReader"/>): writing populations.csv (<see cref="Rows"/> rows, 25 populations per sample,
/// two metadata columns, a few cells to quote or neutralise) into UTF-8 bytes, reading that file back, and reading a
/// 384-row sample sheet. Both sides must give the same bytes and cells, or the set-up throws.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class CsvBenchmarks
{
    private const int PopulationsPerSample = 25;

    private static readonly string[] MetadataColumns = ["donor", "treatment"];

    private PopulationRow[] _rows = [];
    private string _populations = string.Empty;
    private string _sheet = string.Empty;

    [Params(10_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12);
        _rows = new PopulationRow[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var sample = "CLL" + (i / PopulationsPerSample).ToString("0000", CultureInfo.InvariantCulture);
            var population = (i % PopulationsPerSample) switch
            {
                0 => "cells",
                1 => "-DDAO targets, PI+",
                2 => "\"dead\" targets",
                var p => "population " + p.ToString(CultureInfo.InvariantCulture),
            };
            var count = random.Next(0, 50_000);
            var parent = count + random.Next(1, 50_000);
            _rows[i] = new PopulationRow(
                sample,
                sample + "_" + (i % 7).ToString(CultureInfo.InvariantCulture) + ".fcs",
                population,
                i % PopulationsPerSample == 0 ? string.Empty : "cells",
                count,
                parent,
                100.0 * count / parent,
                i % 11 == 0 ? double.NaN : 100.0 * count / (parent + 1000),
                ["D" + (i % 3).ToString(CultureInfo.InvariantCulture), i % 2 == 0 ? "untreated" : "lenalidomide, 1 µM"]);
        }

        _populations = Encoding.UTF8.GetString(WriteWithSep());
        var handWritten = Encoding.UTF8.GetString(WriteHandWritten());
        if (!string.Equals(_populations, handWritten, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Sep and the hand-written writer disagree on populations.csv");
        }

        var sheet = new StringBuilder("file,sample,donor,antibody,treatment\n");
        for (var i = 0; i < 384; i++)
        {
            sheet.Append("D0").Append(i / 128).Append("/well_").Append(i.ToString("000", CultureInfo.InvariantCulture)).Append(".fcs,")
                .Append("S").Append(i).Append(",D0").Append(i / 128).Append(',')
                .Append(i % 3 == 0 ? "\"anti-CD20, rituximab\"" : "none").Append(',')
                .Append(i % 2 == 0 ? "untreated" : "lenalidomide").Append('\n');
        }

        _sheet = sheet.ToString();
        Same(CsvReader.Read(_populations), HandWrittenCsvReader.Read(_populations));
        Same(CsvReader.Read(_sheet), HandWrittenCsvReader.Read(_sheet));
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("write populations.csv")]
    public byte[] WriteHandWritten()
    {
        using var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, new UTF8Encoding(false), leaveOpen: true))
        {
            var csv = new HandWrittenCsvWriter(writer);
            csv.Row([.. ResultTables.PopulationColumns, .. MetadataColumns]);
            foreach (var row in _rows)
            {
                csv.Text(row.Sample);
                csv.Text(row.File);
                csv.Text(row.Population);
                csv.Text(row.Parent);
                csv.Integer(row.Count);
                csv.Integer(row.ParentCount);
                csv.Number(row.PercentParent);
                csv.Number(row.PercentTotal);
                foreach (var value in row.Metadata)
                {
                    csv.Text(value);
                }

                csv.EndRow();
            }
        }

        return bytes.ToArray();
    }

    [Benchmark]
    [BenchmarkCategory("write populations.csv")]
    public byte[] WriteWithSep()
    {
        using var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, new UTF8Encoding(false), leaveOpen: true))
        {
            ResultTables.WritePopulations(writer, MetadataColumns, _rows);
        }

        return bytes.ToArray();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read populations.csv")]
    public object ReadPopulationsHandWritten() => HandWrittenCsvReader.Read(_populations);

    [Benchmark]
    [BenchmarkCategory("read populations.csv")]
    public object ReadPopulationsWithSep() => CsvReader.Read(_populations);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read a 384-row sample sheet")]
    public object ReadSheetHandWritten() => HandWrittenCsvReader.Read(_sheet);

    [Benchmark]
    [BenchmarkCategory("read a 384-row sample sheet")]
    public object ReadSheetWithSep() => CsvReader.Read(_sheet);

    private static void Same(CsvTable a, CsvTable b)
    {
        var same = a.Header.SequenceEqual(b.Header) && a.Rows.Count == b.Rows.Count;
        for (var i = 0; same && i < a.Rows.Count; i++)
        {
            same = a.Rows[i].SequenceEqual(b.Rows[i]);
        }

        if (!same)
        {
            throw new InvalidOperationException("Sep and the hand-written reader disagree");
        }
    }
}
