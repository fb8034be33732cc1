using CytoViability.Core.Gating;
using CytoViability.Core.GatingMl;

namespace CytoViability.Core.Tests.GatingMl;

public sealed class GatingMlReaderTests
{
    private const string Open = """
        <gating:Gating-ML xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating"
            xmlns:transforms="http://www.isac-net.org/std/Gating-ML/v2.0/transformations"
            xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
        """;

    private static GatingMlException Fails(string body) =>
        Assert.Throws<GatingMlException>(() => GatingMlReader.Parse(Open + "\n" + body + "\n</gating:Gating-ML>", "doc.xml"));

    [Fact]
    public void NotWellFormed_ReportsLineAndColumn()
    {
        var error = Assert.Throws<GatingMlException>(() => GatingMlReader.Parse("<a>\n  <b>\n</a>", "doc.xml"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("doc.xml(3,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCompensationReference_NamedWithItsLine()
    {
        var error = Fails("""
            <gating:RectangleGate gating:id="R">
              <gating:dimension gating:compensation-ref="Spill9" gating:min="1"><data-type:fcs-dimension data-type:name="FL1-H" /></gating:dimension>
            </gating:RectangleGate>
            """);

        Assert.Equal(5, error.Line);
        Assert.Contains("compensation-ref 'Spill9'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTransformation_Refused()
    {
        var error = Fails("""
            <gating:RectangleGate gating:id="R">
              <gating:dimension gating:compensation-ref="FCS" gating:transformation-ref="Logicle9" gating:min="1"><data-type:fcs-dimension data-type:name="FL1-H" /></gating:dimension>
            </gating:RectangleGate>
            """);

        Assert.Contains("Logicle9", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidLogicleParameters_Refused()
    {
        var error = Fails("""<transforms:transformation transforms:id="L"><transforms:logicle transforms:T="1000" transforms:W="3" transforms:M="4" transforms:A="0" /></transforms:transformation>""");

        Assert.Contains("W must not exceed M/2", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void BooleanOnUnknownGate_Refused()
    {
        var error = Fails("""
            <gating:BooleanGate gating:id="B">
              <gating:and><gating:gateReference gating:ref="X" /><gating:gateReference gating:ref="Y" /></gating:and>
            </gating:BooleanGate>
            """);

        Assert.Contains("'X'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateGateIds_Refused()
    {
        var range = """<gating:RectangleGate gating:id="R"><gating:dimension gating:compensation-ref="FCS" gating:min="1"><data-type:fcs-dimension data-type:name="FL1-H" /></gating:dimension></gating:RectangleGate>""";

        var error = Fails(range + range);

        Assert.Contains("'R' is used twice", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Quadrant_LocationsMapToIntervals()
    {
        var strategy = GatingMlReader.Parse(Open + """
            <gating:QuadrantGate gating:id="Q">
              <gating:divider gating:id="D" gating:compensation-ref="uncompensated"><data-type:fcs-dimension data-type:name="X" /><gating:value>10</gating:value><gating:value>20</gating:value></gating:divider>
              <gating:Quadrant gating:id="Low"><gating:position gating:divider_ref="D" gating:location="-5" /></gating:Quadrant>
              <gating:Quadrant gating:id="Middle"><gating:position gating:divider_ref="D" gating:location="10" /></gating:Quadrant>
              <gating:Quadrant gating:id="High"><gating:position gating:divider_ref="D" gating:location="20" /></gating:Quadrant>
            </gating:QuadrantGate>
            </gating:Gating-ML>
            """, "q.xml");

        var result = strategy.Evaluate(EventColumns.FromArrays(["X"], [[9.99, 10, 19.99, 20, double.NaN]]));

        Assert.Equal([0], result.Membership("Low").Indices());
        Assert.Equal([1, 2], result.Membership("Middle").Indices());
        Assert.Equal([3], result.Membership("High").Indices());
    }
}
