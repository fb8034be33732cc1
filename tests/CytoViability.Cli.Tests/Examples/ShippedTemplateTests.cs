namespace CytoViability.Cli.Tests.Examples;

public sealed class ShippedTemplateTests
{
    public static TheoryData<string> Templates => new()
    {
        "dioc6-pi-viability.yaml",
        "adcc-killing.yaml",
        "gamma-delta-killing.yaml",
        "cd5-cd19-purity.yaml",
        "cd40l-mfi.yaml",
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Validate_ShippedTemplate_ReportsOkWithExitCodeZero(string template)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var path = Path.Combine(TestPaths.RepositoryRoot, "gating-templates", template);

        var exitCode = CliApp.Run(["validate", path], output, error);

        Assert.True(exitCode == 0, output + "\n" + error);
        Assert.Contains(": ok", output.ToString(), StringComparison.Ordinal);
    }
}
