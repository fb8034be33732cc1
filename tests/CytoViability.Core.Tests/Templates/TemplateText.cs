using System.Text;
using System.Text.RegularExpressions;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Templates;

/// <summary>Loads templates from text for tests, and the complete example of docs/templates.md.</summary>
internal static partial class TemplateText
{
    public static TemplateLoadResult Load(string yaml, string? baseDirectory = null)
        => TemplateLoader.Load(Encoding.UTF8.GetBytes(yaml), "t.yaml", baseDirectory ?? Path.GetTempPath());

    public static GatingTemplate LoadValid(string yaml, string? baseDirectory = null)
    {
        var result = Load(yaml, baseDirectory);
        Assert.True(result.Template is not null, string.Join("\n", result.Problems));
        return result.Template!;
    }

    /// <summary>The "complete example" YAML block of section 1.1 of docs/templates.md.</summary>
    public static string DocumentedExample()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "templates.md"));
        var match = ExampleBlock().Match(text);
        Assert.True(match.Success, "docs/templates.md has no complete example");
        return match.Groups[1].Value;
    }

    /// <summary>The one problem a template has; fails the test when there are none or several.</summary>
    public static ConfigurationProblem SingleProblem(string yaml)
    {
        var result = Load(yaml);
        Assert.Null(result.Template);
        return Assert.Single(result.Problems);
    }

    [GeneratedRegex(@"### 1\.1 A complete example.*?```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
