using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CytoViability.Reports.Plots;

/// <summary>
/// plots/gate-plots.bin: the binned gate plots of every sample (gzip of a small binary layout), written with the
/// report so that `cytoviability report OUTDIR` can redraw the per-sample gallery without the FCS files. It carries
/// the run's key (<see cref="Key"/>: the template's sha256 and populations.csv, never the run id or a time), so a
/// rebuild can tell plots of another run from the run's own while two runs of the same experiment write the same
/// bytes. Every
/// count read back is checked against a limit before anything is allocated, so a damaged file is an
/// <see cref="InvalidDataException"/>, never a huge allocation.
/// </summary>
internal static class GatePlotFile
{
    public const string RelativePath = "plots/gate-plots.bin";

    private const int Magic = 0x50475643; // "CVGP"
    private const int Version = 3;
    private const int MaximumItems = 1_000_000;
    private const int MaximumGridSide = 4096;

    /// <summary>
    /// What ties the gate plots to the tables beside them: the sha256 of the template's sha256 and of populations.csv
    /// in <paramref name="folder"/>. Plots of another template or of other files give another key; a repeat of the
    /// same run gives the same one (and the same plots).
    /// </summary>
    public static string Key(string folder, string? templateSha256)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes("template " + templateSha256 + "\npopulations.csv\n"));
        var populations = Path.Combine(folder, "populations.csv");
        if (File.Exists(populations))
        {
            using var file = new FileStream(populations, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[81920];
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static void Write(Stream output, string key, IReadOnlyList<SampleGatePlots> samples)
    {
        using var zip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        using var writer = new BinaryWriter(zip, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(key);
        writer.Write7BitEncodedInt(samples.Count);
        foreach (var sample in samples)
        {
            writer.Write(sample.Sample);
            writer.Write(sample.File);
            writer.Write7BitEncodedInt(sample.Plots.Count);
            foreach (var plot in sample.Plots)
            {
                writer.Write(plot.Gate);
                writer.Write(plot.Parent);
                WriteAxis(writer, plot.X);
                writer.Write(plot.Y is not null);
                if (plot.Y is { } y)
                {
                    WriteAxis(writer, y);
                }

                writer.Write7BitEncodedInt(plot.Density.Columns);
                writer.Write7BitEncodedInt(plot.Density.Rows);
                foreach (var count in plot.Density.Counts)
                {
                    writer.Write7BitEncodedInt(count);
                }

                writer.Write7BitEncodedInt64(plot.ParentCount);
                writer.Write7BitEncodedInt(plot.Outlines.Count);
                foreach (var outline in plot.Outlines)
                {
                    writer.Write(outline.Population);
                    writer.Write(outline.Label);
                    writer.Write(outline.PercentOfParent);
                    writer.Write7BitEncodedInt(outline.Vertices.Count);
                    foreach (var vertex in outline.Vertices)
                    {
                        writer.Write(vertex.X);
                        writer.Write(vertex.Y);
                    }

                    writer.Write(outline.LabelAt.X);
                    writer.Write(outline.LabelAt.Y);
                }
            }
        }
    }

    public static (string Key, IReadOnlyList<SampleGatePlots> Samples) Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var zip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new BinaryReader(zip, Encoding.UTF8);
        try
        {
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
            {
                throw new InvalidDataException(path + " is not a gate plot file of this version (run the experiment again to redraw it)");
            }

            var key = reader.ReadString();

            var samples = new List<SampleGatePlots>();
            for (var s = Count(reader); s > 0; s--)
            {
                var sample = reader.ReadString();
                var fileName = reader.ReadString();
                var plots = new List<GatePlot>();
                for (var p = Count(reader); p > 0; p--)
                {
                    plots.Add(ReadPlot(reader));
                }

                samples.Add(new SampleGatePlots(sample, fileName, plots));
            }

            return (key, samples);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException(path + " ends early", exception);
        }
    }

    private static GatePlot ReadPlot(BinaryReader reader)
    {
        var gate = reader.ReadString();
        var parent = reader.ReadString();
        var x = ReadAxis(reader);
        var y = reader.ReadBoolean() ? ReadAxis(reader) : null;
        var columns = reader.Read7BitEncodedInt();
        var rows = reader.Read7BitEncodedInt();
        if (columns is <= 0 or > MaximumGridSide || rows is <= 0 or > MaximumGridSide)
        {
            throw new InvalidDataException("gate plot grid of " + columns + " × " + rows + " bins is out of range");
        }

        var counts = new int[columns * rows];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = reader.Read7BitEncodedInt();
        }

        var parentCount = reader.Read7BitEncodedInt64();
        var outlines = new List<GateOutline>();
        for (var o = Count(reader); o > 0; o--)
        {
            var population = reader.ReadString();
            var label = reader.ReadString();
            var percent = reader.ReadDouble();
            var vertices = new List<PlotPoint>();
            for (var v = Count(reader); v > 0; v--)
            {
                vertices.Add(new PlotPoint(reader.ReadDouble(), reader.ReadDouble()));
            }

            outlines.Add(new GateOutline(population, label, percent, vertices, new PlotPoint(reader.ReadDouble(), reader.ReadDouble())));
        }

        return new GatePlot(gate, parent, x, y, new DensityGrid(columns, rows, counts), parentCount, outlines);
    }

    private static void WriteAxis(BinaryWriter writer, PlotAxis axis)
    {
        writer.Write(axis.Label);
        writer.Write(axis.Minimum);
        writer.Write(axis.Maximum);
        writer.Write7BitEncodedInt(axis.Ticks.Count);
        foreach (var tick in axis.Ticks)
        {
            writer.Write(tick.Position);
            writer.Write(tick.Label ?? string.Empty);
        }
    }

    private static PlotAxis ReadAxis(BinaryReader reader)
    {
        var label = reader.ReadString();
        var minimum = reader.ReadDouble();
        var maximum = reader.ReadDouble();
        if (!(maximum > minimum) || !double.IsFinite(minimum) || !double.IsFinite(maximum))
        {
            throw new InvalidDataException("axis '" + label + "' has no extent");
        }

        var ticks = new List<AxisTick>();
        for (var t = Count(reader); t > 0; t--)
        {
            var position = reader.ReadDouble();
            var text = reader.ReadString();
            ticks.Add(new AxisTick(position, text.Length == 0 ? null : text));
        }

        return new PlotAxis(label, minimum, maximum, ticks);
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count is >= 0 and <= MaximumItems ? count : throw new InvalidDataException("item count " + count + " is out of range");
    }
}
