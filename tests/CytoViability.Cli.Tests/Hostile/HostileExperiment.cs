using System.Globalization;
using System.Security.Cryptography;
using CytoViability.Core.Fcs;

namespace CytoViability.Cli.Tests.Hostile;

/// <summary>
/// A scratch experiment folder of FACSCanto-like files (FSC-A, SSC-A, FITC-A "DiOC6", PE-A "PI") made with the
/// writer, and a small template of range gates, for runs under faults. Events are deterministic.
/// </summary>
internal sealed class HostileExperiment : IDisposable
{
    public const string TemplateText = """
        name: hostile
        channels:
          FSC-A: FSC-A
          SSC-A: SSC-A
          DiOC6: { marker: DiOC6, detector: FITC-A }
          PI: { marker: PI, detector: PE-A }
        compensation: none
        gates:
          - { id: cells, type: range, channel: FSC-A, min: 20000 }
          - { id: live, parent: cells, type: range, channel: PI, max: 1000 }
        statistics:
          populations: [cells, live]
          mfi:
            live: [DiOC6]
            cells: [DiOC6, PI]
        assays:
          viability: { population: live, of: cells }
        qc:
          minimum_events: { all: 10 }
        """;

    public HostileExperiment(int files, int eventsPerFile, string? hostileText = null)
    {
        Root = Directory.CreateTempSubdirectory("cv-hostile-").FullName;
        Folder = Path.Combine(Root, "experiment");
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "t.yaml"), TemplateText);
        for (var i = 0; i < files; i++)
        {
            WriteFcs("D" + (i % 3).ToString(CultureInfo.InvariantCulture) + "_tube" + i.ToString("D2", CultureInfo.InvariantCulture) + ".fcs", eventsPerFile, i, hostileText);
        }
    }

    /// <summary>Holds the experiment folder and, beside it, folders "outside" the experiment.</summary>
    public string Root { get; }

    public string Folder { get; }

    public string Out(string name = "out") => Path.Combine(Root, name);

    /// <summary>
    /// Writes one file; <paramref name="hostileText"/>, when given, is the $FIL, TUBE NAME and $SRC keyword text.
    /// With <paramref name="distinctEvents"/>, the events repeat after that many: for a file whose size is the point,
    /// not its events, drawing millions of them would only cost the test's time.
    /// </summary>
    public void WriteFcs(string relative, int events, int seed, string? hostileText = null, string? directory = null, int? distinctEvents = null)
    {
        var random = new Random(seed);
        var columns = new float[4][];
        for (var c = 0; c < 4; c++)
        {
            columns[c] = new float[events];
        }

        var drawn = Math.Min(events, distinctEvents ?? events);
        for (var e = 0; e < drawn; e++)
        {
            var dead = random.NextDouble() < 0.3;
            columns[0][e] = (float)(random.NextDouble() < 0.1 ? 5000 + (random.NextDouble() * 10000) : 50000 + (random.NextDouble() * 100000));
            columns[1][e] = (float)(20000 + (random.NextDouble() * 80000));
            columns[2][e] = (float)(dead ? 300 + (random.NextDouble() * 500) : 5000 + (random.NextDouble() * 20000));
            columns[3][e] = (float)(dead ? 5000 + (random.NextDouble() * 50000) : random.NextDouble() * 500);
        }

        foreach (var column in columns)
        {
            for (var start = drawn; start < events; start += drawn)
            {
                column.AsSpan(0, Math.Min(drawn, events - start)).CopyTo(column.AsSpan(start));
            }
        }

        var parameters = new[]
        {
            new FcsWriteParameter("FSC-A", null, 262144),
            new FcsWriteParameter("SSC-A", null, 262144),
            new FcsWriteParameter("FITC-A", "DiOC6", 262144),
            new FcsWriteParameter("PE-A", "PI", 262144),
        };
        var keywords = new List<KeyValuePair<string, string>>
        {
            new("$FIL", hostileText ?? relative),
            new("TUBE NAME", hostileText ?? "tube"),
            new("$SRC", hostileText ?? "donor"),
        };
        var path = Path.Combine(directory ?? Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        FcsWriter.Write(stream, new FcsWriteDataSet(parameters, columns, keywords), new FcsWriterOptions { FacsDivaLayout = true });
    }

    /// <summary>sha256 and last-write time of every file under <paramref name="folder"/> (links not followed).</summary>
    public static SortedDictionary<string, string> Fingerprints(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(path);
            // Links are checked through their targets; named pipes (the hostile "pipe" inputs) cannot be hashed.
            if (info.LinkTarget is not null || (info.Attributes & FileAttributes.Directory) != 0 || info.Name.Contains("pipe", StringComparison.Ordinal))
            {
                continue;
            }

            result[Path.GetRelativePath(folder, path)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))
                + "@" + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>Final-named files of an output folder (not staged temporaries, not the commit journal) with their bytes.</summary>
    public static SortedDictionary<string, byte[]> FinalFiles(string output)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".cvtmp", StringComparison.Ordinal) || name.EndsWith(".cvjournal", StringComparison.Ordinal))
            {
                continue;
            }

            result[Path.GetRelativePath(output, path)] = File.ReadAllBytes(path);
        }

        return result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child killed mid-run may still be closing a file; the temp folder is cleaned by the system.
        }
    }
}
