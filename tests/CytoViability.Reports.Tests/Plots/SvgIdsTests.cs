using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Tests.Plots;

public sealed class SvgIdsTests
{
    [Fact]
    public void Renumber_ClipPathsNamedFromAProcessWideCount_BecomeACounterInDocumentOrder()
    {
        const string Drawn = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <clipPath id="cl_1f"><rect/></clipPath><g clip-path="url(#cl_1f)"><rect/></g>
            <clipPath id="cl_19"><rect/></clipPath><g clip-path="url(#cl_19)"><use xlink:href="#cl_1f"/></g>
            </svg>
            """;

        var renumbered = SvgIds.Renumber(Drawn);

        Assert.Equal("""
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <clipPath id="id0"><rect/></clipPath><g clip-path="url(#id0)"><rect/></g>
            <clipPath id="id1"><rect/></clipPath><g clip-path="url(#id1)"><use xlink:href="#id0"/></g>
            </svg>
            """, renumbered);
    }

    [Fact]
    public void Renumber_TheSameChartDrawnTwice_GivesTheSameBytes()
    {
        // The report's plots name their font: a plain ScottPlot.Plot takes the process-wide default, which ScottPlot's
        // own Font.Set changes, so another test drawing a figure at the same time could change it between the two.
        using var first = FigureStyle.NewPlot();
        first.Add.Bars([1.0, 2.0, 3.0]);
        using var second = FigureStyle.NewPlot();
        second.Add.Bars([1.0, 2.0, 3.0]);

        var drawnFirst = first.GetSvgXml(300, 200);
        var drawnSecond = second.GetSvgXml(300, 200);

        Assert.NotEqual(drawnFirst, drawnSecond); // Skia's clip ids run on from the first drawing
        Assert.Equal(SvgIds.Renumber(drawnFirst), SvgIds.Renumber(drawnSecond));
        Assert.Contains("clip-path=\"url(#id0)\"", SvgIds.Renumber(drawnFirst), StringComparison.Ordinal);
    }

    [Fact]
    public void Renumber_ADocumentWithoutIds_IsUnchanged()
    {
        const string Drawn = "<svg><rect fill=\"url(#nowhere)\" id2=\"x\"/></svg>";

        Assert.Same(Drawn, SvgIds.Renumber(Drawn));
    }
}
