using CytoViability.Core.Csv;

namespace CytoViability.Cli.Tests.Run;

/// <summary>A generated experiment in a scratch folder, runs of the CLI on it, and its output tables.</summary>
internal sealed class RunFixture : IDisposable
{
    public RunFixture(int eventsPerFile = 3000)
    {
        Root = Directory.CreateTempSubdirectory("cv-run-").FullName;
        Folder = Path.Combine(Root, "experiment");
        Directory.CreateDirectory(Folder);
        Wells = SyntheticExperiment.Write(Folder, eventsPerFile);
    }

    public string Root { get; }

    public string Folder { get; }

    public IReadOnlyList<SyntheticWell> Wells { get; }

    public string Console { get; private set; } = string.Empty;

    /// <summary>Runs `cytoviability run FOLDER --out OUT --no-report` plus <paramref name="extra"/>; returns the exit code.</summary>
    public int Run(string outputName, params string[] extra)
    {
        var writer = new StringWriter();
        var exit = CliApp.Run(["run", Folder, "--out", Output(outputName), "--no-report", .. extra], writer, writer);
        Console = writer.ToString();
        return exit;
    }

    public string Output(string name) => Path.Combine(Root, name);

    public CsvTable Table(string outputName, string file) => CsvReader.ReadFile(Path.Combine(Output(outputName), file));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
