using System.Reflection;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Tests.Qc;

public sealed class QcChecksTests
{
    [Fact]
    public void EveryCheckQcCsvCanHold_IsDescribedInDocsOutputs()
    {
        var docs = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "outputs.md"));
        var checks = typeof(QcChecks).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.Contains("shard_missing", checks);
        var undescribed = checks.Where(check => !docs.Contains("`" + check + "`", StringComparison.Ordinal)).ToList();
        Assert.True(undescribed.Count == 0, "checks docs/outputs.md does not name: " + string.Join(", ", undescribed));
    }
}
