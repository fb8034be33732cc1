using System.Globalization;
using System.Text;
using CytoViability.Core.Experiments;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Hostile templates and experiment.yaml files: every mutant gives a template or problems with a line and column
/// inside the text, never an exception, a hang or a large allocation; mutants that cannot be valid (aliases,
/// unknown top-level keys, cycles, nesting past the limit, bytes that are not UTF-8) are always refused. The default
/// budget is short; CYTOVIABILITY_FUZZ_BUDGET=long runs the long one (<see cref="FuzzBudget"/>).
/// </summary>
public sealed class TemplateFuzzTests
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public void MutatedTemplates_GiveProblemsWithLineAndColumn_NeverAnException()
    {
        var random = new Random(7_2026_1129);
        var mutator = new YamlMutator(random);
        var templates = Templates();
        var violations = new List<string>();
        var refusedByKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var mutants = FuzzBudget.Mutants(300, 3_000);
        for (var i = 0; i < mutants && violations.Count < 10; i++)
        {
            var (name, text) = templates[random.Next(templates.Count)];
            var mutant = mutator.Mutate(text);
            var violation = Check(mutant, name, (bytes, problems) => TemplateLoader.Load(bytes, "mutant.yaml", Path.GetTempPath()) is { Template: null } result && Add(problems, result.Problems));
            if (violation is not null)
            {
                violations.Add(mutant.Kind + " of " + name + ": " + violation);
            }

            refusedByKind[mutant.Kind] = refusedByKind.GetValueOrDefault(mutant.Kind) + 1;
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(refusedByKind.Count >= 14, "only these mutation kinds ran: " + string.Join(", ", refusedByKind.Keys));
    }

    [Fact]
    public void MutatedExperimentSettings_GiveProblemsWithLineAndColumn_NeverAnException()
    {
        var random = new Random(20261129);
        var mutator = new YamlMutator(random);
        const string settings = "template: t.yaml\nsamples: samples.csv\nconditions: [treatment, donor]\nignore: [\"old/*\"]\nmetadata:\n  - from: filename\n    pattern: '(?<donor>D[0-9]+)_(?<treatment>[a-z]+)'\n  - from: keyword\n    keyword: TUBE NAME\n    pattern: '(?<treatment>.*)'\n";
        var violations = new List<string>();
        var mutants = FuzzBudget.Mutants(150, 1_000);
        for (var i = 0; i < mutants && violations.Count < 10; i++)
        {
            var mutant = mutator.Mutate(settings);
            var violation = Check(mutant, "experiment.yaml", (bytes, problems) =>
            {
                string text;
                try
                {
                    text = new UTF8Encoding(false, true).GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    problems.Add(new("experiment.yaml", new TextPosition(1, 1), "not UTF-8"));
                    return true;
                }

                var before = problems.Count;
                ExperimentSettingsReader.Parse(text, "experiment.yaml", Path.GetTempPath(), problems);
                return problems.Count > before;
            });
            if (violation is not null)
            {
                violations.Add(mutant.Kind + ": " + violation);
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void BillionLaughs_IsRefusedAtTheFirstAnchor_WithoutExpanding()
    {
        var bytes = Encoding.UTF8.GetBytes(YamlMutator.BillionLaughs() + "name: x\n");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = TemplateLoader.Load(bytes, "lol.yaml", Path.GetTempPath());

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20);
        Assert.Null(result.Template);
        Assert.Contains(result.Problems, problem => problem.Position == new TextPosition(1, 5) && problem.Message.Contains("anchor", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("name: x\ngates:\n\t- id: a\n", 3, 1)]
    [InlineData("name: x\nbogus: 1\n", 2, 1)]
    [InlineData("name: [x\n", 2, 1)]
    public void HandWrittenHostileTemplates_AreRefusedAtTheirPlace(string yaml, int line, int column)
    {
        var result = TemplateLoader.Load(Encoding.UTF8.GetBytes(yaml), "t.yaml", Path.GetTempPath());

        Assert.Null(result.Template);
        Assert.Contains(result.Problems, problem => problem.Position is { } at && at.Line == line && at.Column >= column);
    }

    /// <summary>Null when the reader kept its promise; <paramref name="load"/> returns true when it refused the input.</summary>
    private static string? Check(YamlMutant mutant, string name, Func<byte[], List<ConfigurationProblem>, bool> load)
    {
        var problems = new List<ConfigurationProblem>();
        var task = Task.Factory.StartNew(
            () =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    var refused = load(mutant.Bytes, problems);
                    return (Refused: refused, Exception: (Exception?)null, Allocated: GC.GetAllocatedBytesForCurrentThread() - before);
                }
                catch (Exception exception)
                {
                    return (Refused: false, Exception: exception, Allocated: GC.GetAllocatedBytesForCurrentThread() - before);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        if (!task.Wait(TimeLimit))
        {
            return "no answer within " + TimeLimit.TotalSeconds + " s";
        }

        var (wasRefused, exception, allocated) = task.Result;
        if (exception is not null)
        {
            return "threw " + exception.GetType().FullName + ": " + exception.Message + Environment.NewLine + exception.StackTrace;
        }

        var limit = (200L * mutant.Bytes.Length) + (16 << 20);
        if (allocated > limit)
        {
            return "allocated " + allocated.ToString(CultureInfo.InvariantCulture) + " bytes for " + mutant.Bytes.Length + " bytes of YAML";
        }

        if (mutant.MustBeRefused && !wasRefused)
        {
            return "was accepted";
        }

        if (wasRefused && problems.Count == 0)
        {
            return "refused without a problem";
        }

        var lines = 1 + Encoding.UTF8.GetString(mutant.Bytes).Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029');
        foreach (var problem in problems)
        {
            if (problem.Position is { } at && (at.Line < 1 || at.Column < 1 || at.Line > lines + 1))
            {
                return "problem outside the text (" + lines + " lines): " + problem;
            }
        }

        return null;
    }

    private static bool Add(List<ConfigurationProblem> problems, IReadOnlyList<ConfigurationProblem> found)
    {
        problems.AddRange(found);
        return true;
    }

    private static List<(string Name, string Text)> Templates()
    {
        var list = new List<(string, string)>();
        foreach (var path in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "gating-templates"), "*.yaml").Order(StringComparer.Ordinal))
        {
            list.Add((Path.GetFileName(path), File.ReadAllText(path)));
        }

        Assert.True(list.Count >= 5);
        return list;
    }
}
