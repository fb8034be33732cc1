using System.Collections.Concurrent;
using CytoViability.Core.Runs;

namespace CytoViability.Cli.Tests.Run;

public sealed class GatedSampleTests : IDisposable
{
    private readonly RunFixture _fixture = new(eventsPerFile: 800);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void OnGated_SeesEveryProcessedFileOnce_WithPlotValuesOnTheTemplatesAxes()
    {
        File.WriteAllText(Path.Combine(_fixture.Folder, _fixture.Wells[0].File), "broken");

        // What is needed is taken during the call: the sample's memberships and columns are the next file's afterwards.
        var seen = new ConcurrentDictionary<string, (string Sample, int Viable, double[] Pi, double[] Fsc)>();
        var request = new RunRequest(_fixture.Folder, OutputPath: _fixture.Output("out"), Threads: 2)
        {
            OnGated = sample => Assert.True(seen.TryAdd(sample.File, (sample.Sample, sample.Result.Count("viable"), [.. sample.PlottedValues("PI")], [.. sample.PlottedValues("FSC-A")]))),
        };

        var outcome = BatchRun.Execute(request, SilentRunObserver.Instance);

        Assert.Equal(RunStatus.SomeInputsFailed, outcome.Status);
        Assert.Equal(_fixture.Wells.Skip(1).Select(w => w.File).Order(StringComparer.Ordinal), seen.Keys.Order(StringComparer.Ordinal));
        var gated = seen[_fixture.Wells[1].File];
        Assert.Equal(_fixture.Wells[1].Sample, gated.Sample);
        Assert.Equal(_fixture.Wells[1].Viable, gated.Viable);
        Assert.All(gated.Pi, value => Assert.InRange(value, -0.5, 1.0));
        Assert.Contains(gated.Pi, value => value > 0.6);
        Assert.Contains(gated.Fsc, value => value > 40000);
    }
}
