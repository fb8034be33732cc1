using System.Text.Json;

using static CytoViability.Cli.Tests.Fcs.CorpusCommand;

namespace CytoViability.Cli.Tests.Fcs;

public sealed class InspectCommandTests
{
    [Fact]
    public void Inspect_Text_ShowsVersionEventsParametersAndSpillover()
    {
        var (exit, output, _) = RunCli("inspect", Corpus("RGLab__CytoML/124500.fcs"));
        Assert.Equal(0, exit);
        Assert.Contains("data set 0: FCS3.0", output, StringComparison.Ordinal);
        Assert.Contains("events: 19090  parameters: 15", output, StringComparison.Ordinal);
        Assert.Contains("13\tAPC-Cy7-A\tViab", output, StringComparison.Ordinal);
        Assert.Contains("spillover: 8×8", output, StringComparison.Ordinal);
        Assert.Contains("CREATOR = BD FACSDiva Software Version 6.1.3", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_JsonOfMultiDataSetFile_ListsEveryDataSetAsTheReferenceDoes()
    {
        const string file = "bpteague__cytoflow/Beckman Coulter - Gallios.LMD";
        var (exit, output, _) = RunCli("inspect", Corpus(file), "--json");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        var reference = Reference(file).GetProperty("datasets");
        var dataSets = json.GetProperty("dataSets");
        Assert.Equal(reference.GetArrayLength(), dataSets.GetArrayLength());
        for (var i = 0; i < dataSets.GetArrayLength(); i++)
        {
            Assert.Equal(reference[i].GetProperty("version").GetString(), dataSets[i].GetProperty("version").GetString());
            Assert.Equal(reference[i].GetProperty("tot").GetInt32(), dataSets[i].GetProperty("eventCount").GetInt32());
            Assert.Equal(
                reference[i].GetProperty("pnn").EnumerateArray().Select(e => e.GetString()),
                dataSets[i].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        }
    }

    [Fact]
    public void Inspect_JsonStats_MinMaxMeanEqualTheReference()
    {
        const string file = "whitews__FlowIO/G11.fcs";
        var (exit, output, _) = RunCli("inspect", Corpus(file), "--json", "--stats");
        Assert.Equal(0, exit);
        var parameters = JsonDocument.Parse(output).RootElement.GetProperty("dataSets")[0].GetProperty("parameters");
        var events = Reference(file).GetProperty("events");
        for (var c = 0; c < parameters.GetArrayLength(); c++)
        {
            Assert.Equal(events.GetProperty("min")[c].GetDouble(), parameters[c].GetProperty("min").GetDouble());
            Assert.Equal(events.GetProperty("max")[c].GetDouble(), parameters[c].GetProperty("max").GetDouble());
            Assert.Equal(events.GetProperty("mean")[c].GetDouble(), parameters[c].GetProperty("mean").GetDouble(), 1e-9);
        }

        var spillover = JsonDocument.Parse(output).RootElement.GetProperty("dataSets")[0].GetProperty("spillover");
        Assert.Equal(JsonValueKind.Object, spillover.ValueKind);
    }

    [Fact]
    public void Inspect_HtmlSavedAsFcs_ExitsThreeWithOneLineError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cv-{Guid.NewGuid():N}.fcs");
        File.WriteAllText(path, "<html><body>404 Not Found</body></html>");
        try
        {
            var (exit, output, error) = RunCli("inspect", path);
            Assert.Equal(3, exit);
            Assert.Empty(output);
            var line = Assert.Single(error.TrimEnd().Split('\n'));
            Assert.StartsWith("error: " + path + ": HEADER segment, byte 0:", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Inspect_MissingFile_ExitsThree()
    {
        var (exit, _, error) = RunCli("inspect", Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.fcs"));
        Assert.Equal(3, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
