namespace CytoViability.Cli.Tests.GatingMl;

public sealed class GatingMlCommandTests
{
    private static string Suite => TestPaths.GatingMl2;

    [Fact]
    public void AllGatesDocument_WritesOneFilePerGate_ByteIdenticalToTheTruth()
    {
        var output = Path.Combine(Path.GetTempPath(), "cv-gatingml-" + Guid.NewGuid().ToString("N"));
        try
        {
            var writer = new StringWriter();
            var exit = CliApp.Run(["gatingml", Path.Combine(Suite, "data1.fcs"), Path.Combine(Suite, "gml", "gml_all_gates.xml"), "--out", output], writer, writer);

            Assert.Equal(0, exit);
            var written = Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(49, written.Count);
            foreach (var name in written)
            {
                var truth = File.ReadAllBytes(Path.Combine(Suite, "truth", "Results_" + name));
                Assert.True(truth.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, name!))), name + " differs from its truth file");
            }

            Assert.Contains("Range1: 440 of 13367 events", writer.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void ParentQuadrantDocument_ParRectangle1MatchesResultsParQuadRect()
    {
        var output = Path.Combine(Path.GetTempPath(), "cv-gatingml-" + Guid.NewGuid().ToString("N"));
        try
        {
            var exit = CliApp.Run(["gatingml", Path.Combine(Suite, "data1.fcs"), Path.Combine(Suite, "gml", "gml_parent_quadrant_rect_gate.xml"), "--out", output], TextWriter.Null, TextWriter.Null);

            Assert.Equal(0, exit);
            Assert.Equal(File.ReadAllBytes(Path.Combine(Suite, "truth", "Results_ParQuadRect.txt")), File.ReadAllBytes(Path.Combine(output, "ParRectangle1.txt")));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void DataSetOption_CountsFromZeroLikeExport()
    {
        var output = Path.Combine(Path.GetTempPath(), "cv-gatingml-" + Guid.NewGuid().ToString("N"));
        try
        {
            var document = Path.Combine(Suite, "gml", "gml_parent_quadrant_rect_gate.xml");
            var first = CliApp.Run(["gatingml", Path.Combine(Suite, "data1.fcs"), document, "--out", output, "--dataset", "0"], TextWriter.Null, TextWriter.Null);
            var error = new StringWriter();
            var second = CliApp.Run(["gatingml", Path.Combine(Suite, "data1.fcs"), document, "--out", output, "--dataset", "1"], TextWriter.Null, error);

            Assert.Equal(0, first);
            Assert.Equal(File.ReadAllBytes(Path.Combine(Suite, "truth", "Results_ParQuadRect.txt")), File.ReadAllBytes(Path.Combine(output, "ParRectangle1.txt")));
            Assert.Equal(1, second);
            Assert.Contains("has 1 data set(s); --dataset 1 does not exist", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void BrokenDocument_ExitCode1_WithLineAndColumn()
    {
        var xml = Path.Combine(Path.GetTempPath(), "cv-broken-" + Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(xml, "<?xml version=\"1.0\"?>\n<gating:Gating-ML xmlns:gating=\"http://www.isac-net.org/std/Gating-ML/v2.0/gating\">\n  <gating:RectangleGate gating:id=\"R\">\n  </gating:RectangleGate>\n</gating:Gating-ML>\n");
        try
        {
            var error = new StringWriter();
            var exit = CliApp.Run(["gatingml", Path.Combine(Suite, "data1.fcs"), xml, "--out", Path.GetTempPath()], TextWriter.Null, error);

            Assert.Equal(1, exit);
            Assert.Contains(xml + "(3,4): rectangle gate 'R' has no dimension", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(xml);
        }
    }

    [Fact]
    public void GateOnAChannelTheFileLacks_ExitCode3_NamesTheChannel()
    {
        var xml = Path.Combine(Path.GetTempPath(), "cv-missing-" + Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(xml, """
            <gating:Gating-ML xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating" xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
              <gating:RectangleGate gating:id="R">
                <gating:dimension gating:compensation-ref="uncompensated" gating:min="1"><data-type:fcs-dimension data-type:name="BV421-A" /></gating:dimension>
              </gating:RectangleGate>
            </gating:Gating-ML>
            """);
        try
        {
            var error = new StringWriter();
            var exit = CliApp.Run(["gatingml", Path.Combine(Suite, "data1.fcs"), xml, "--out", Path.GetTempPath()], TextWriter.Null, error);

            Assert.Equal(3, exit);
            Assert.Contains("BV421-A", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(xml);
        }
    }
}
