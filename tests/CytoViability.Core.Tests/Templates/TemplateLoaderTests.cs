using CytoViability.Core.Gating;
using CytoViability.Core.Templates;
using CytoViability.Core.Tests.Experiments;

namespace CytoViability.Core.Tests.Templates;

public sealed class TemplateLoaderTests
{
    private const string Minimal = """
        channels:
          PI: PE-A
        gates:
          - { id: dead, type: range, channel: PI, min: 1500 }
        """;

    [Fact]
    public void DocumentedExample_Loads_WithTheTreeAndAssayItDescribes()
    {
        var template = TemplateText.LoadValid(TemplateText.DocumentedExample());

        Assert.Equal("ADCC killing (DDAO+ targets, PI)", template.Name);
        Assert.Equal(["all", "cells", "singlets", "targets", "dead_targets", "live_targets"], template.Populations);
        Assert.Equal("targets", template.Parents["dead_targets"]);
        Assert.Equal("all", template.Parents["cells"]);
        var pi = Assert.Single(template.Channels, channel => channel.Alias == "PI");
        Assert.Equal(["PI"], pi.Markers);
        Assert.Equal(["PE-A", "PerCP-Cy5-5-A"], pi.Detectors);
        Assert.Equal(CompensationSource.File, template.Compensation.Source);
        Assert.Equal(new TransformDefinition(TransformKind.Logicle, 262144, 0.5, 4.5, 0, template.Transforms["DDAO"].Position), template.Transforms["DDAO"]);
        Assert.Equal(TransformKind.Logicle, template.Transforms["PI"].Kind);
        var killing = template.Assays.Killing!;
        Assert.Equal(("dead_targets", "targets", KillingMethod.Specific), (killing.Dead, killing.Of, killing.Method));
        Assert.Equal([new ConditionValue("antibody", "none")], killing.Control);
        Assert.Equal([new ConditionValue("antibody", "b12")], template.Reference);
        Assert.Equal([new KeyValuePair<string, int>("all", 1000), new KeyValuePair<string, int>("targets", 500)], template.Qc.MinimumEvents);
        var live = Assert.IsType<BooleanGateDefinition>(template.Gates[^1]);
        Assert.Equal(BooleanOperation.Not, live.Operation);
        Assert.Equal("dead_targets", Assert.Single(live.Operands).PopulationId);
    }

    [Fact]
    public void UnknownKey_IsReportedAtItsLineAndColumn()
    {
        var result = TemplateText.Load("""
            channels:
              PI: PE-A
            gates:
              - id: dead
                type: range
                chanel: PI
                min: 1500
            """);

        Assert.Null(result.Template);
        Assert.Equal(2, result.Problems.Count);
        Assert.Equal(new TextPosition(4, 5), result.Problems[0].Position);
        Assert.Equal("gate 'dead' needs 'channel'", result.Problems[0].Message);
        Assert.Equal(new TextPosition(6, 5), result.Problems[1].Position);
        Assert.StartsWith("unknown key 'chanel' in gate 'dead' (range)", result.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownParent_IsReportedAtTheGate_WithTheKnownIds()
    {
        var problem = TemplateText.SingleProblem("""
            channels:
              PI: PE-A
            gates:
              - { id: cells, type: range, channel: PI, min: 0 }
              - { id: dead, parent: cell, type: range, channel: PI, min: 1500 }
            """);

        Assert.Equal(new TextPosition(5, 5), problem.Position);
        Assert.Equal("unknown parent 'cell' of gate 'dead' (known: all, cells, dead)", problem.Message);
    }

    [Fact]
    public void ParentCycle_IsReportedOnce_NamingEveryGateInIt()
    {
        var problem = TemplateText.SingleProblem("""
            channels:
              PI: PE-A
            gates:
              - { id: a, parent: c, type: range, channel: PI, min: 0 }
              - { id: b, parent: a, type: range, channel: PI, min: 1 }
              - { id: c, parent: b, type: range, channel: PI, min: 2 }
            """);

        Assert.Contains("cycle", problem.Message, StringComparison.Ordinal);
        Assert.Contains("a -> c -> b -> a", problem.Message, StringComparison.Ordinal);
        Assert.Equal(4, problem.Position?.Line);
    }

    [Fact]
    public void BooleanOperandOnItsOwnDescendant_IsACycle()
    {
        var problem = TemplateText.SingleProblem("""
            channels:
              PI: PE-A
            gates:
              - { id: live, type: not, of: dead }
              - { id: dead, parent: live, type: range, channel: PI, min: 1500 }
            """);

        Assert.Contains("cycle", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateId_PointsAtTheSecondDefinition_AndNamesTheFirstLine()
    {
        var problem = TemplateText.SingleProblem("""
            channels:
              PI: PE-A
            gates:
              - { id: dead, type: range, channel: PI, min: 1500 }
              - { id: dead, type: range, channel: PI, max: 1500 }
            """);

        Assert.Equal(new TextPosition(5, 5), problem.Position);
        Assert.Equal("duplicate id 'dead' (first defined at line 4)", problem.Message);
    }

    [Fact]
    public void QuadrantName_ClashingWithAGateId_IsADuplicate()
    {
        var problem = TemplateText.SingleProblem("""
            channels:
              CD5: FITC-A
              CD19: PE-A
            gates:
              - { id: pos, type: range, channel: CD5, min: 0 }
              - id: q
                type: quadrant
                x: CD5
                y: CD19
                at: [1000, 2000]
                quadrants:
                  pos: [positive, positive]
            """);

        Assert.Equal(new TextPosition(12, 7), problem.Position);
        Assert.StartsWith("duplicate id 'pos'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAlias_InAGate_IsReportedAtTheValue()
    {
        var problem = TemplateText.SingleProblem("""
            channels:
              PI: PE-A
            gates:
              - { id: dead, type: range, channel: DDAO, min: 1500 }
            """);

        Assert.Equal(new TextPosition(4, 39), problem.Position);
        Assert.StartsWith("unknown channel alias 'DDAO'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,500", "must be a number, not '1,500'")]
    [InlineData("1e400", "is too large ('1e400')")]
    [InlineData(".inf", "must be a number, not '.inf'")]
    [InlineData("[1]", "must be a single value, not a list")]
    public void BadNumber_IsReportedAtTheValue(string value, string expected)
    {
        var problem = TemplateText.SingleProblem("""
            channels:
              PI: PE-A
            gates:
              - id: dead
                type: range
                channel: PI
                min: 
            """ + value + "\n");

        Assert.Equal(new TextPosition(7, 10), problem.Position);
        Assert.EndsWith(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnchorsAndAliases_AreRefused_WithoutExpanding()
    {
        var result = TemplateText.Load("""
            channels:
              PI: &p PE-A
              PI2: *p
            gates:
              - { id: dead, type: range, channel: PI, min: 1500 }
            """);

        Assert.Null(result.Template);
        Assert.Equal([new TextPosition(2, 7), new TextPosition(3, 8)], result.Problems.Select(p => p.Position).Take(2));
        Assert.Contains("anchors (&p)", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("aliases (*p)", result.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BillionLaughs_IsRefusedQuickly()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 30; i++)
        {
            yaml += "a" + i + ": &a" + i + " [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n";
            yaml = yaml.Replace("&a" + i + " [*a,", "&a" + i + " [*a" + (i == 0 ? string.Empty : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) + ",", StringComparison.Ordinal);
        }

        var result = TemplateText.Load(yaml);

        Assert.Null(result.Template);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void DeepNesting_IsAProblem_NotAStackOverflow()
    {
        var problem = TemplateText.SingleProblem("channels: " + new string('[', 100_000));

        Assert.Equal("nesting deeper than 64 levels", problem.Message);
    }

    [Fact]
    public void UnclosedFlowList_IsASyntaxProblem()
    {
        var problem = TemplateText.SingleProblem("channels: {a: b\ngates: [");

        Assert.StartsWith("YAML syntax", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTruncationOfTheDocumentedExample_GivesATemplateOrProblems_NeverAnException()
    {
        var text = TemplateText.DocumentedExample();
        for (var length = 0; length < text.Length; length += 7)
        {
            var result = TemplateText.Load(text[..length]);
            Assert.True(result.Template is not null || result.Problems.Count > 0, "length " + length);
            Assert.All(result.Problems, problem => Assert.True(problem.Position is { Line: >= 1, Column: >= 1 }, problem.ToString()));
        }
    }

    [Fact]
    public void ManyProblems_AreAllReported_SortedByLine()
    {
        var result = TemplateText.Load("""
            channels:
              PI: { marker: PI, detectr: PE-A }
            transforms:
              PI: { type: logicle, W: 3, M: 4.5 }
            gates:
              - { id: dead, type: blob, channel: PI }
              - { id: live, type: not, of: [dead, other] }
            assays:
              killing: { dead: dead, method: special, control: { antibody: none } }
            """);

        Assert.Null(result.Template);
        Assert.Equal([2, 4, 6, 7, 9], result.Problems.Select(p => p.Position?.Line ?? 0));
        Assert.Equal("transform of 'PI': logicle: W must not exceed M/2", result.Problems[1].Message);
        Assert.Contains("unknown gate type 'blob'", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("'not' takes exactly one population", result.Problems[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ellipse_RadiiAndAngle_BecomeTheRotatedCovariance()
    {
        var template = TemplateText.LoadValid("""
            channels: { FSC-A: FSC-A, SSC-A: SSC-A }
            gates:
              - { id: lymphocytes, type: ellipse, x: FSC-A, y: SSC-A, center: [100, 50], radii: [30, 10], angle: 90 }
            """);

        var ellipse = Assert.IsType<EllipsoidGateDefinition>(Assert.Single(template.Gates));
        // Turned a quarter: the 30 half-axis lies along y, so var(x) = 10², var(y) = 30².
        Assert.Equal(100, ellipse.Covariance[0, 0], 9);
        Assert.Equal(900, ellipse.Covariance[1, 1], 9);
        Assert.Equal(0, ellipse.Covariance[0, 1], 9);
        Assert.Equal(1, ellipse.DistanceSquared);
        Assert.Equal([100.0, 50.0], ellipse.Center);
    }

    [Fact]
    public void Covariance_NotPositiveDefinite_IsRefused()
    {
        var problem = TemplateText.SingleProblem("""
            channels: { FSC-A: FSC-A, SSC-A: SSC-A }
            gates:
              - id: e
                type: ellipse
                x: FSC-A
                y: SSC-A
                center: [0, 0]
                covariance: [[1, 2], [2, 1]]
                distance_squared: 1
            """);

        Assert.Equal(8, problem.Position?.Line);
        Assert.Contains("positive definite", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quadrants_ArePopulations_WithTheQuadrantGatesParent()
    {
        var template = TemplateText.LoadValid("""
            channels: { CD5: FITC-A, CD19: PE-A, FSC-A: FSC-A }
            gates:
              - { id: lymphocytes, type: range, channel: FSC-A, min: 20000 }
              - id: cd5_cd19
                parent: lymphocytes
                type: quadrant
                x: CD5
                y: CD19
                at: [1500, 2000]
                quadrants:
                  cd5pos_cd19pos: [positive, positive]
                  cd5neg_cd19pos: [negative, positive]
              - { id: late, parent: cd5pos_cd19pos, type: range, channel: FSC-A, max: 90000 }
            assays:
              purity: { population: cd5pos_cd19pos }
            """);

        Assert.Equal(["all", "lymphocytes", "cd5pos_cd19pos", "cd5neg_cd19pos", "late"], template.Populations);
        Assert.Equal("lymphocytes", template.Parents["cd5neg_cd19pos"]);
        Assert.Equal(new PurityRequest("cd5pos_cd19pos", "lymphocytes", 90), template.Assays.Purity);
        var quadrant = Assert.IsType<QuadrantGateDefinition>(template.Gates[1]);
        Assert.Equal((1500.0, 2000.0), (quadrant.XDivider, quadrant.YDivider));
        Assert.False(quadrant.Quadrants[1].XPositive);
    }

    [Fact]
    public void QuadrantContainer_AsParent_IsRefused()
    {
        var problem = TemplateText.SingleProblem("""
            channels: { CD5: FITC-A, CD19: PE-A }
            gates:
              - { id: q, type: quadrant, x: CD5, y: CD19, at: [1, 2], quadrants: { pp: [positive, positive] } }
              - { id: r, parent: q, type: range, channel: CD5, min: 5 }
            """);

        Assert.Contains("is a quadrant gate, not a population", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChannelForms_PlainListAndMarkerDetector_AreKept()
    {
        var template = TemplateText.LoadValid("""
            channels:
              FSC-A: FSC-A
              PI: [PE-A, PerCP-Cy5-5-A]
              DiOC6: { marker: [DiOC6, DiOC6(3)], detector: FITC-A }
            gates:
              - { id: dead, type: range, channel: PI, min: 1500 }
            """);

        Assert.Equal(["FSC-A"], template.Channels[0].Names);
        Assert.Equal(["PE-A", "PerCP-Cy5-5-A"], template.Channels[1].Names);
        Assert.Equal(["DiOC6", "DiOC6(3)"], template.Channels[2].Markers);
        Assert.Equal(["FITC-A"], template.Channels[2].Detectors);
    }

    [Fact]
    public void Defaults_UnitsDataCompensationFileQcDefaults()
    {
        var template = TemplateText.LoadValid(Minimal);

        Assert.Equal(GateUnits.Data, template.Gates[0].Units);
        Assert.Equal(CompensationSource.File, template.Compensation.Source);
        Assert.Equal(QcSettings.Defaults, template.Qc);
        Assert.Null(template.Statistics.Populations);
        Assert.Equal(["all", "dead"], template.ReportedPopulations);
        Assert.Equal(64, template.Sha256.Length);
    }

    [Fact]
    public void CompensationMatrix_WithRowLabels_IsRead_InSpilloverOrientation()
    {
        var folder = Directory.CreateTempSubdirectory("cv-template-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "comp.csv"), ",FITC-A,PE-A\nFITC-A,1,0.21\nPE-A,0.012,1\n");
            var template = TemplateText.LoadValid(Minimal + "\ncompensation: { matrix: comp.csv }\n", folder.FullName);

            var matrix = template.Compensation.Matrix!;
            Assert.Equal(["FITC-A", "PE-A"], matrix.Detectors);
            Assert.Equal(0.21, matrix.Values[0, 1]);
            Assert.Equal(0.012, matrix.Values[1, 0]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void CompensationMatrix_WithoutRowLabels_AndWindowsLineEnds_IsTheSameMatrix()
    {
        using var folder = new TempFolder();
        folder.Write("comp.csv", "FITC-A,PE-A\r\n1,0.21\r\n0.012,1\r\n");

        var matrix = TemplateText.LoadValid(Minimal + "\ncompensation: { matrix: comp.csv }\n", folder.Path).Compensation.Matrix!;

        Assert.Equal(["FITC-A", "PE-A"], matrix.Detectors);
        Assert.Equal([1, 0.21, 0.012, 1], matrix.Values.Cast<double>());
    }

    [Fact]
    public void CompensationMatrix_CellThatIsNotANumber_IsRefused_NamingItsRowAndColumn()
    {
        using var folder = new TempFolder();
        folder.Write("comp.csv", ",FITC-A,PE-A\nFITC-A,1,0.21\nPE-A,12%,1\n");

        var problem = Assert.Single(TemplateText.Load(Minimal + "\ncompensation: { matrix: comp.csv }\n", folder.Path).Problems);

        Assert.Equal(new TextPosition(5, 25), problem.Position);
        Assert.Equal("compensation matrix 'comp.csv', row 3, column 2: '12%' is not a number", problem.Message);
    }

    [Theory]
    [InlineData("../comp.csv", "'..' is not allowed")]
    [InlineData("/etc/passwd", "absolute paths are not allowed")]
    [InlineData("missing.csv", "not found")]
    public void CompensationMatrix_OutsideOrMissing_IsRefused(string path, string expected)
    {
        var problem = TemplateText.SingleProblem(Minimal + "\ncompensation: { matrix: '" + path + "' }\n");

        Assert.Equal(new TextPosition(5, 25), problem.Position);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KillingCount_NeedsLiveAndPer()
    {
        var problem = TemplateText.SingleProblem(Minimal + """

            assays:
              killing: { dead: dead, method: count, control: { effector: none }, live: dead }
            """);

        Assert.Equal("assay 'killing' (method count) needs 'per'", problem.Message);
    }

    [Fact]
    public void Transforms_ShortFormAndParameters()
    {
        var template = TemplateText.LoadValid(Minimal + """

            transforms:
              PI: { type: asinh, T: 100000, M: 5, A: 1 }
            """);

        var transform = template.Transforms["PI"];
        Assert.Equal((TransformKind.Asinh, 100000.0, 5.0, 1.0), (transform.Kind, transform.T, transform.M, transform.A));
    }
}
