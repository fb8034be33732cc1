using CytoViability.Core.Experiments;
using CytoViability.Core.Fcs;
using CytoViability.Core.Files;
using CytoViability.Core.Qc;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;
using CytoViability.Core.Tests.Experiments;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Containment is decided on the file the kernel actually opened, not on the path text: a link whose target walks
/// through a linked folder and back up (`s/../secret.fcs`), and a file swapped for a link after the run planned it,
/// never get an outside file read.
/// </summary>
public sealed class OpenTimeContainmentTests : IDisposable
{
    private const string Template = """
        name: open-time
        channels:
          FSC-A: FSC-A
        compensation: none
        gates:
          - { id: cells, type: range, channel: FSC-A, min: 10 }
        statistics:
          populations: [cells]
        """;

    private readonly TempFolder _outside = new();
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public void ALinkThroughALinkedFolderAndBackUp_IsRefused_ThoughItsTextStaysInside()
    {
        LinkChainOut();

        var resolved = ContainedPath.Resolve(_folder.Path, "evil.fcs", out var refusal);
        var discovered = FileDiscovery.Discover(_folder.Path, []);

        Assert.Null(resolved);
        Assert.Contains("outside", refusal, StringComparison.Ordinal);
        Assert.Empty(discovered.Files);
        Assert.Equal(["evil.fcs"], discovered.Refused.Select(failure => failure.File));
    }

    [Fact]
    public void ASampleSheetRowNamingALinkThroughALinkedFolderAndBackUp_IsRefused()
    {
        LinkChainOut();
        var sheetPath = _folder.Write("samples.csv", "file,sample\nevil.fcs,A\n");
        var problems = new List<ConfigurationProblem>();

        var sheet = SampleSheetReader.Read(sheetPath, _folder.Path, problems);

        Assert.NotNull(sheet);
        Assert.Empty(sheet.Rows);
        var refused = Assert.Single(sheet.Refused);
        Assert.Contains("outside", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileSwappedForALinkOutsideAfterPlanning_IsAContainmentFailRow_WithoutItsHash()
    {
        WriteFcs(Path.Combine(_outside.Path, "secret.fcs"));
        var planned = Path.Combine(_folder.Path, "tube.fcs");
        WriteFcs(planned);
        var template = _folder.Write("t.yaml", Template);
        var problems = new List<ConfigurationProblem>();
        var setup = RunSetup.Prepare(new RunRequest(_folder.Path, template, OutputPath: Path.Combine(_outside.Path, "out")), problems);
        Assert.True(setup is not null, string.Join("\n", problems));
        Assert.Equal(["tube.fcs"], setup.Plan.Samples.Select(sample => sample.RelativePath));

        File.Delete(planned);
        File.CreateSymbolicLink(planned, Path.Combine(_outside.Path, "secret.fcs"));
        var outcome = new SampleProcessor(setup.Compiled, setup.Plan).Process(setup.Plan.Samples[0]);

        Assert.Null(outcome.Result);
        Assert.Null(outcome.Sha256);
        var row = Assert.Single(outcome.Failures);
        Assert.Equal(QcChecks.Containment, row.Check);
        Assert.Contains("outside the experiment folder", row.Message, StringComparison.Ordinal);
    }

    /// <summary>`ln -s OUTSIDE/sub s; ln -s s/../secret.fcs evil.fcs`: the kernel follows s first and opens OUTSIDE/secret.fcs.</summary>
    private void LinkChainOut()
    {
        WriteFcs(Path.Combine(_outside.Path, "secret.fcs"));
        Directory.CreateDirectory(Path.Combine(_outside.Path, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "s"), Path.Combine(_outside.Path, "sub"));
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "evil.fcs"), "s/../secret.fcs");
    }

    private static void WriteFcs(string path)
    {
        var events = new float[200];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = i;
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        FcsWriter.Write(stream, new FcsWriteDataSet([new FcsWriteParameter("FSC-A", null, 262144)], [events], []), new FcsWriterOptions());
    }
}
