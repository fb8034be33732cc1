using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Templates;

/// <summary>Method blocks in place of gate coordinates: what the template language accepts and how it refuses mistakes.</summary>
public sealed class ComputedPositionTemplateTests
{
    private const string Head = """
        channels:
          FSC-A: FSC-A
          FSC-H: FSC-H
          PI: PE-A
          DiOC6: FITC-A
        ratios:
          FSC-H_per_A: { numerator: FSC-H, denominator: FSC-A }
        transforms:
          PI: { type: logicle, T: 262144, W: 0.5, M: 4.5, A: 0 }
        gates:

        """;

    [Fact]
    public void A_quadrant_reads_a_valley_for_one_divider_and_a_number_for_the_other()
    {
        var template = TemplateText.LoadValid(Head + """
              - id: q
                type: quadrant
                x: DiOC6
                y: PI
                at:
                  - 6000
                  - { method: valley, scope: day, range: [300, 30000], allowed: [500, 20000], fallback: 3000, separation: 0.15 }
                quadrants: { live: [positive, negative] }
            """);

        var quadrant = Assert.IsType<QuadrantGateDefinition>(Assert.Single(template.Gates));
        Assert.Null(quadrant.ComputedX);
        Assert.Equal(6000, quadrant.XDivider);
        var y = quadrant.ComputedY!;
        Assert.Equal(PlacementMethod.Valley, y.Method);
        Assert.Equal(new PlacementScope(PlacementScopeKind.Column, "day"), y.Scope);
        Assert.Equal(new SearchRange(SearchRangeKind.Between, 300, 30000), y.Range);
        Assert.Equal((500.0, 20000.0), y.Allowed);
        Assert.Equal(3000, y.Fallback);
        Assert.Equal(3000, quadrant.YDivider);
        Assert.Equal(0.15, y.Separation);
        Assert.Equal(new TextPosition(17, 9), y.Position);
    }

    [Fact]
    public void Every_method_of_the_documentation_is_read_with_its_parameters()
    {
        var template = TemplateText.LoadValid(Head + """
              - id: cells
                type: range
                channel: FSC-A
                min: { method: valley, allowed: [6000, 60000], fallback: 25000 }
                max: { method: cluster, times: 2.2, fallback: 150000 }
              - id: singlets
                parent: cells
                type: range
                channel: FSC-H_per_A
                min: { method: band, k: 4, fallback: 0.7 }
                max: { method: band, k: 4, fallback: 1.5 }
              - id: dead
                parent: singlets
                type: range
                channel: PI
                min: { method: control, control: { where: { antibody: none }, match: run, statistic: mean_plus_sd 3 }, fallback: 2000 }
              - id: bright
                parent: singlets
                type: range
                channel: PI
                min: { method: tail, tolerance: 0.01, side: above, range: above main cluster, scope: sample, fallback: group }
              - id: top
                parent: singlets
                type: range
                channel: DiOC6
                min: { method: quantile, probability: 0.995, fallback: 20000, minimum_events: 50 }
            """);

        var bounds = template.Gates.Cast<RectangleGateDefinition>().Select(g => g.Bounds[0]).ToList();
        Assert.Equal(PlacementMethod.Cluster, bounds[0].ComputedMax!.Method);
        Assert.Equal(2.2, bounds[0].ComputedMax!.Times);
        Assert.Equal((4.0, 4.0), (bounds[1].ComputedMin!.K, bounds[1].ComputedMax!.K));
        var control = bounds[2].ComputedMin!.Control!;
        Assert.Equal([new ConditionValue("antibody", "none")], control.Where);
        Assert.False(control.SameDonor);
        Assert.Equal((ControlSummary.MeanPlusSd, 3.0), (control.Summary, control.Value));
        var tail = bounds[3].ComputedMin!;
        Assert.Equal((0.01, true, SearchRangeKind.AboveMainCluster, PlacementScopeKind.Sample), (tail.Tolerance, tail.Above, tail.Range.Kind, tail.Scope.Kind));
        Assert.Null(tail.Fallback);
        Assert.Null(bounds[3].Min);
        Assert.Equal((0.995, 50), (bounds[4].ComputedMin!.Probability, bounds[4].ComputedMin!.MinimumEvents));
        Assert.Equal(7, template.DescribeComputedPositions().Count);
    }

    [Theory]
    [InlineData("{ method: middle, fallback: 3 }", 5, 20, "unknown method 'middle' of 'min' of gate 'g' (known: valley, quantile, tail, control, band, cluster)")]
    [InlineData("{ method: valley }", 5, 10, "'min' of gate 'g' (valley) needs 'fallback'")]
    [InlineData("{ method: valley, allowed: [500, 2000], fallback: 3000 }", 5, 60, "'fallback' 3000 of 'min' of gate 'g' (valley) lies outside 'allowed' [500, 2000]")]
    [InlineData("{ method: valley, fallback: group }", 5, 38, "'fallback: group' of 'min' of gate 'g' (valley) needs 'scope: sample' or a sheet column (the group is the whole run)")]
    [InlineData("{ method: quantile, probability: 99.5, fallback: 3 }", 5, 43, "'probability' of 'min' of gate 'g' (quantile) must lie between 0 and 1 (e.g. 0.995), not 99.5")]
    [InlineData("{ method: valley, bandwith: 0.1, fallback: 3 }", 5, 28, "unknown key 'bandwith' in 'min' of gate 'g' (valley) (known: method, scope, range, allowed, fallback, minimum_events, bandwidth, separation, valley_ratio)")]
    [InlineData("{ method: valley, range: [3000, 300], fallback: 3 }", 5, 35, "'range' of 'min' of gate 'g' (valley): low (3000) must be below high (300)")]
    [InlineData("{ method: control, control: { where: { antibody: none }, statistic: percentile 100 }, fallback: 3 }", 5, 78, "'statistic' of 'control' of 'min' of gate 'g' (control) must be 'percentile P' (0 < P < 100, e.g. percentile 99.5) or 'mean_plus_sd K' (e.g. mean_plus_sd 3)")]
    public void A_mistake_in_a_method_block_is_reported_at_its_line_and_column(string block, int line, int column, string message)
    {
        var result = TemplateText.Load("""
            channels:
              PI: PE-A
            gates:
              - id: g
                min: 
            """ + block + """

                type: range
                channel: PI
            """);

        Assert.Null(result.Template);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(message, problem.Message);
        Assert.Equal(new TextPosition(line, column), problem.Position);
    }

    [Fact]
    public void Band_places_bounds_not_a_quadrant_divider()
    {
        var result = TemplateText.Load(Head + """
              - { id: q, type: quadrant, x: DiOC6, y: PI, at: [{ method: band, k: 4, fallback: 1 }, 3000], quadrants: { a: [positive, positive] } }
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("the x divider of gate 'q' (band): 'band' places a lower and an upper bound; use it for 'min' and 'max' of a range", problem.Message);
    }

    [Fact]
    public void Every_shipped_template_computes_its_thresholds_and_keeps_fixed_only_the_bead_cut()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "gating-templates"), "*.yaml"))
        {
            var template = TemplateLoader.LoadFile(path).Template!;
            foreach (var gate in template.Gates)
            {
                switch (gate)
                {
                    case QuadrantGateDefinition quadrant:
                        Assert.True(quadrant.ComputedX is not null && quadrant.ComputedY is not null, path + ": " + gate.Id);
                        break;
                    case RectangleGateDefinition rectangle:
                        foreach (var bound in rectangle.Bounds)
                        {
                            var computed = (bound.Min is null || bound.ComputedMin is not null) && (bound.Max is null || bound.ComputedMax is not null);
                            Assert.True(computed || gate.Id == "beads", path + ": " + gate.Id + " " + bound.Channel);
                        }

                        break;
                    case PolygonGateDefinition or EllipsoidGateDefinition:
                        Assert.Fail(path + ": " + gate.Id + " is drawn at fixed coordinates");
                        break;
                }
            }
        }
    }
}
