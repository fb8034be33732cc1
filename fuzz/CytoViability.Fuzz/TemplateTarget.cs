using CytoViability.Core.Templates;

namespace CytoViability.Fuzz;

/// <summary>The template loader never throws, and a refused template has problems with a line and column.</summary>
internal static class TemplateTarget
{
    public static void Run(byte[] bytes)
    {
        var result = TemplateLoader.Load(bytes, "fuzz.yaml", Path.GetTempPath());
        if (result.Template is null && result.Problems.Count == 0)
        {
            throw new InvalidOperationException("refused without a problem");
        }

        foreach (var problem in result.Problems)
        {
            if (problem.Position is { } at && (at.Line < 1 || at.Column < 1))
            {
                throw new InvalidOperationException("problem before the first line or column: " + problem);
            }
        }
    }
}
