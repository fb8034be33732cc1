using System.Collections.Concurrent;

namespace CytoViability.Cli.Tests.Examples;

/// <summary>
/// Runs (without the report, whose tests read only tables) of a round-one template (tests/data/fixed-templates/,
/// every gate at a fixed data coordinate) on a committed example: each example and template is run once, on first
/// use, and read by every class of the <see cref="FixedTemplatesCollection"/>. The committed examples are only read.
/// </summary>
public sealed class FixedTemplateRuns : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cv-fixed-templates-").FullName;
    private readonly ConcurrentDictionary<string, Lazy<RunOutputs>> _runs = new(StringComparer.Ordinal);

    internal RunOutputs Of(string experiment, string template)
        => _runs.GetOrAdd(experiment + "/" + template, _ => new Lazy<RunOutputs>(() => Run(experiment, template))).Value;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the test results stand.
        }
    }

    private RunOutputs Run(string experiment, string template)
    {
        var output = Path.Combine(_root, Path.GetFileNameWithoutExtension(template), experiment);
        var fixedTemplate = Path.Combine(TestPaths.RepositoryRoot, "tests", "data", "fixed-templates", template);
        var log = new StringWriter();
        var exitCode = CliApp.Run(["run", ExampleRunFixture.ExampleFolder(experiment), "--template", fixedTemplate, "--out", output, "--no-report"], log, log);
        return new RunOutputs(output, exitCode, log.ToString());
    }
}

/// <summary>The classes reading <see cref="FixedTemplateRuns"/> (they run one after the other, sharing its runs).</summary>
[CollectionDefinition(Name)]
public sealed class FixedTemplatesCollection : ICollectionFixture<FixedTemplateRuns>
{
    public const string Name = "fixed-template runs of the examples";
}
