using System.Text;
using CytoViability.Core.Templates;
using CytoViability.Core.Tests.Hostile;

namespace CytoViability.Core.Tests.Templates;

/// <summary>
/// Mutated shipped templates (YAML punctuation inserted, spans deleted or duplicated, lines re-indented, bytes
/// flipped) always give a template or problems with a position; the loader never throws. The README's test command
/// draws 120 mutants per template, CYTOVIABILITY_FUZZ_BUDGET=long 400 (<see cref="FuzzBudget"/>).
/// </summary>
public sealed class TemplateMutationTests
{
    private const string Punctuation = "[]{}&*!|>:-#'\",?%@`\t\n ";

    [Fact]
    public void MutatedShippedTemplates_NeverThrow_AndEveryProblemHasAPosition()
    {
        var random = new Random(20261129);
        var templates = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "gating-templates"), "*.yaml");
        Assert.NotEmpty(templates);
        var rejected = 0;
        var total = 0;
        var mutantsPerTemplate = FuzzBudget.Mutants(120, 400);
        foreach (var path in templates)
        {
            var original = File.ReadAllBytes(path);
            for (var i = 0; i < mutantsPerTemplate; i++)
            {
                var mutant = Mutate(original, random);
                var result = TemplateLoader.Load(mutant, "mutant.yaml", Path.GetTempPath());
                total++;
                if (result.Template is null)
                {
                    rejected++;
                    Assert.NotEmpty(result.Problems);
                }

                Assert.All(result.Problems, problem => Assert.True(problem.Position is null or { Line: >= 1, Column: >= 1 }, problem.ToString()));
            }
        }

        Assert.True(rejected > total / 2, rejected + " of " + total + " mutants rejected; the mutations are too gentle to test anything");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 1; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes.Insert(at, (byte)Punctuation[random.Next(Punctuation.Length)]);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 2:
                    var length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 3:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 4:
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes(random.Next(2) == 0 ? "1e999" : "&a "));
                    break;
                default:
                    var lineStart = bytes.LastIndexOf((byte)'\n', at) + 1;
                    bytes.InsertRange(lineStart, Encoding.ASCII.GetBytes(new string(' ', random.Next(1, 5))));
                    break;
            }
        }

        return [.. bytes];
    }
}
