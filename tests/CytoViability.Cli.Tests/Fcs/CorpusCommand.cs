using System.Text.Json;

namespace CytoViability.Cli.Tests.Fcs;

/// <summary>Runs the CLI in-process on files of the public corpus (tests/data/fcs) and loads their reference decodes.</summary>
internal static class CorpusCommand
{
    public static string Corpus(string file) => Path.Combine(TestPaths.CorpusFcs, file);

    public static JsonElement Reference(string file) =>
        JsonDocument.Parse(File.ReadAllBytes(TestPaths.CorpusFcsReference(file))).RootElement;

    public static (int Exit, string Output, string Error) RunCli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
