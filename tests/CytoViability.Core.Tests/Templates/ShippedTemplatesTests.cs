using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Templates;

/// <summary>The templates built into the tool are exactly the files of gating-templates/, found by bare name.</summary>
public sealed class ShippedTemplatesTests
{
    private static string Folder => Path.Combine(TestPaths.RepositoryRoot, "gating-templates");

    [Fact]
    public void Names_AreTheFilesOfGatingTemplates()
    {
        var files = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(files, ShippedTemplates.Names);
    }

    [Fact]
    public void EveryShippedTemplate_IsTheFileByteForByte_AndLoadsWithoutProblems()
    {
        foreach (var name in ShippedTemplates.Names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Folder, name + ".yaml")), ShippedTemplates.ReadBytes(name));
            var loaded = ShippedTemplates.Load(name, Folder);
            Assert.True(loaded.Template is not null, name + ": " + string.Join("; ", loaded.Problems));
            Assert.Equal("shipped:" + name, loaded.Template.SourcePath);
            Assert.False(string.IsNullOrWhiteSpace(loaded.Template.Description), name + " has no description");
        }
    }

    [Theory]
    [InlineData("dioc6-pi-viability", "dioc6-pi-viability")]
    [InlineData("dioc6-pi-viability.yaml", "dioc6-pi-viability")]
    [InlineData(" adcc-killing ", "adcc-killing")]
    [InlineData("shipped:cd40l-mfi", "cd40l-mfi")]
    [InlineData("annexin-v", null)]
    [InlineData("Adcc-Killing", null)]
    [InlineData("../gating-templates/adcc-killing", null)]
    public void Find_TakesTheBareNameWithOrWithoutYaml(string asked, string? found)
    {
        Assert.Equal(found, ShippedTemplates.Find(asked));
    }
}
