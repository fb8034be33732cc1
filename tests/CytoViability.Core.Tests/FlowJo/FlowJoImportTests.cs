using CytoViability.Core.FlowJo;
using CytoViability.Core.Gating;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.FlowJo;

public sealed class FlowJoImportTests : IDisposable
{
    private readonly string _output = FlowJoData.TemporaryFolder();

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Theory]
    [MemberData(nameof(FlowJoData.Every), MemberType = typeof(FlowJoData))]
    public void Every_test_workspace_imports_into_templates_the_loader_accepts(string folder, string file)
    {
        var written = FlowJoInterop.Import(FlowJoData.Workspace(folder, file), null, null, Path.Combine(_output, "imported.yaml"));

        Assert.NotEmpty(written);
        foreach (var template in written.Where(file => file.Overrides == 0))
        {
            var loaded = TemplateLoader.LoadFile(template.Path);
            Assert.True(loaded.Template is not null, string.Join("\n", loaded.Problems));
            Assert.True(template.Converted > 0);
            // Nothing is dropped silently: a population left out always comes with a warning.
            Assert.True(template.Converted == template.Populations || template.Warnings.Count > 0);
        }
    }

    [Fact]
    public void Comp_prefixed_gates_become_detector_aliases_compensated_by_the_sample_s_own_user_matrix()
    {
        var written = FlowJoInterop.Import(FlowJoData.Workspace(FlowJoData.FacsPy, "test_suite.wsp"), "All Samples", null, Path.Combine(_output, "facspy.yaml"));
        var template = TemplateLoader.LoadFile(written[0].Path).Template!;

        // The live gate is drawn on Comp-BUV496-A: the alias names the detector, the matrix does the compensating.
        Assert.Contains(template.Channels, channel => channel.Alias == "BUV496-A" && channel.Names.SequenceEqual(["BUV496-A"]));
        Assert.DoesNotContain(template.Channels, channel => channel.Alias.StartsWith("Comp", StringComparison.Ordinal));
        Assert.Equal(CompensationSource.Matrix, template.Compensation.Source);
        var matrix = template.Compensation.Matrix!;
        Assert.Equal(14, matrix.Detectors.Count);

        // 20230302_Recompensation in the workspace: APC-A spills 0.1320025735 into APC-H7-A.
        Assert.Equal(0.1320025735, matrix.Values[matrix.Detectors.ToList().IndexOf("APC-A"), matrix.Detectors.ToList().IndexOf("APC-H7-A")]);

        // BUV496-A's biex in the workspace: neg 0.6, width -31.6227766017, pos 5.15, max 262144.
        var biex = template.Transforms["BUV496-A"];
        Assert.Equal((TransformKind.Biex, 262144, -31.6227766017, 5.15, 0.6), (biex.Kind, biex.T, biex.W, biex.M, biex.A));
    }

    [Fact]
    public void Samples_with_their_own_gates_get_their_own_templates_beside_the_group_s()
    {
        var written = FlowJoInterop.Import(FlowJoData.Workspace(FlowJoData.FacsPy, "test_suite.wsp"), "All Samples", null, Path.Combine(_output, "facspy.yaml"));

        var group = TemplateLoader.LoadFile(written[0].Path).Template!;
        Assert.Equal(["all", "FSC_SSC", "FSC_singlets", "SSC_singlets", "live", "Neutrophils"], group.Populations);
        var file2 = written.Single(file => file.Path.EndsWith("facspy.file2_stained.yaml", StringComparison.Ordinal));
        var ownGates = TemplateLoader.LoadFile(file2.Path).Template!;
        Assert.Contains("file2_specific_gate", ownGates.Populations);
        Assert.Contains("gate_for_three_samples", ownGates.Populations);
        Assert.Equal("Neutrophils", ownGates.Parents["file2_specific_gate"]);
        Assert.IsType<EllipsoidGateDefinition>(ownGates.Gates.Single(gate => gate.Id == "gate_for_three_samples"));
    }

    [Fact]
    public void A_FlowJo_quadrant_becomes_four_open_ended_ranges_on_the_stored_divider()
    {
        var written = FlowJoInterop.Import(FlowJoData.Workspace(FlowJoData.Diamond, "simple_diamond_example_quad_gate.wsp"), null, null, Path.Combine(_output, "quad.yaml"));
        var template = TemplateLoader.LoadFile(written[0].Path).Template!;

        var q1 = Assert.IsType<RectangleGateDefinition>(template.Gates.Single(gate => gate.DisplayName == "Q1: channel_A- , channel_B+"));
        Assert.Equal(new DimensionBoundDefinition("channel_A", null, 49536.60093896714), q1.Bounds[0]);
        Assert.Equal(new DimensionBoundDefinition("channel_B", 49866.83420593368, null), q1.Bounds[1]);
        Assert.Empty(written[0].Warnings);
    }

    [Fact]
    public void FlowJo_9_log_display_and_PolyRect_import_as_a_log_transform_and_a_polygon()
    {
        var written = FlowJoInterop.Import(FlowJoData.Workspace(FlowJoData.FlowPy, "20171218 Workspace.xml"), "test", null, Path.Combine(_output, "flowpy.yaml"));
        var template = TemplateLoader.LoadFile(written[0].Path).Template!;

        // Parameter lowValue 3, highValue 30000, decades 4: flog with T 30000 and M 4.
        var log = template.Transforms["channel_A"];
        Assert.Equal((TransformKind.Log, 30000.0, 4.0), (log.Kind, log.T, log.M));
        var polygon = Assert.IsType<PolygonGateDefinition>(Assert.Single(template.Gates));
        Assert.Equal(("channel_B", "channel_A"), (polygon.X, polygon.Y));
        Assert.Equal((2209.574951171875, 650.2176513671875), polygon.Vertices[0]);
    }

    [Fact]
    public void A_FlowJo_9_calibration_table_display_is_reported_with_its_xml_path()
    {
        var written = FlowJoInterop.Import(FlowJoData.Workspace(FlowJoData.A2004, "A2004Analysis.xml"), null, null, Path.Combine(_output, "a2004.yaml"));

        // Gated on FlowJo's default biex; said so, with how far that curve puts the table's values (0.92 of 4096 channels).
        var note = Assert.Single(written[0].Warnings, warning => warning.StartsWith("/Workspace/SampleList/Sample[@sampleID='1']/Parameter[@name='PE-CY7-A']: FlowJo 9 calibration-table display gated on biex", StringComparison.Ordinal));
        Assert.Matches(@"within 0\.9\d* of its 4096 channels$", note);
        var template = TemplateLoader.LoadFile(written[0].Path).Template!;
        Assert.Contains(template.Channels, channel => channel.Alias == "PE-CY7-A");
        Assert.Equal(19, template.Gates.Count);
    }

    [Fact]
    public void An_unknown_gate_element_is_reported_with_its_path_and_its_subtree_is_left_out()
    {
        const string xml = """
            <Workspace version="20.0" xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating" xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
              <SampleList><Sample><DataSet uri="file:/x/a.fcs" sampleID="7"/>
                <SampleNode name="a.fcs" count="10" sampleID="7"><Subpopulations>
                  <Population name="odd" count="4" owningGroup=""><Gate><gating:SpiderGate/></Gate>
                    <Subpopulations><Population name="kid" count="2" owningGroup=""><Gate>
                      <gating:RectangleGate><gating:dimension gating:min="1"><data-type:fcs-dimension data-type:name="FL1-A"/></gating:dimension></gating:RectangleGate>
                    </Gate></Population></Subpopulations></Population>
                  <Population name="kept" count="3" owningGroup=""><Gate>
                    <gating:RectangleGate><gating:dimension gating:max="5"><data-type:fcs-dimension data-type:name="FL1-A"/></gating:dimension></gating:RectangleGate>
                  </Gate></Population>
                </Subpopulations></SampleNode></Sample></SampleList>
            </Workspace>
            """;
        var workspace = WorkspaceReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), "t.wsp");
        var imported = TemplateImporter.FromSample(workspace, workspace.Samples[0], "t.matrix.csv");

        var problem = Assert.Single(imported.Problems);
        Assert.Equal("/Workspace/SampleList/Sample[@sampleID='7']/SampleNode/Subpopulations/Population[@name='odd']/Gate/gating:SpiderGate", problem.XmlPath);
        Assert.Equal(["kept"], imported.Draft.Gates.Select(gate => gate.Id));
        Assert.Equal("not converted because its parent 'odd' was not converted", imported.Populations.Single(population => population.FlowJoPath == "/odd/kid").NotConverted);
    }

    [Fact]
    public void Boolean_nodes_and_a_not_node_import_as_template_boolean_gates()
    {
        const string xml = """
            <Workspace version="20.0" xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating" xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
              <SampleList><Sample><DataSet uri="file:/x/a.fcs" sampleID="1"/>
                <SampleNode name="a.fcs" count="10" sampleID="1"><Subpopulations>
                  <Population name="cells" count="9" owningGroup=""><Gate>
                    <gating:RectangleGate><gating:dimension gating:min="1"><data-type:fcs-dimension data-type:name="FSC-A"/></gating:dimension></gating:RectangleGate></Gate>
                    <Subpopulations>
                      <Population name="CD4" count="4" owningGroup=""><Gate><gating:RectangleGate><gating:dimension gating:min="2"><data-type:fcs-dimension data-type:name="Comp-FL1-A"/></gating:dimension></gating:RectangleGate></Gate></Population>
                      <Population name="CD8" count="3" owningGroup=""><Gate><gating:RectangleGate><gating:dimension gating:min="2"><data-type:fcs-dimension data-type:name="Comp-FL2-A"/></gating:dimension></gating:RectangleGate></Gate></Population>
                      <OrNode name="T" count="6" owningGroup=""><Dependents><Dependent name="cells/CD4"/><Dependent name="cells/CD8"/></Dependents></OrNode>
                      <NotNode name="not CD4" count="5" owningGroup=""><Dependents><Dependent name="cells/CD4"/></Dependents></NotNode>
                    </Subpopulations></Population>
                </Subpopulations></SampleNode></Sample></SampleList>
            </Workspace>
            """;
        var workspace = WorkspaceReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), "t.wsp");
        var imported = TemplateImporter.FromSample(workspace, workspace.Samples[0], "t.matrix.csv");
        imported.WriteTo(Path.Combine(_output, "t.yaml"));
        var template = TemplateLoader.LoadFile(Path.Combine(_output, "t.yaml")).Template!;

        var or = Assert.IsType<BooleanGateDefinition>(template.Gates.Single(gate => gate.Id == "T"));
        Assert.Equal((BooleanOperation.Or, "cells"), (or.Operation, or.ParentId));
        Assert.Equal(["CD4", "CD8"], or.Operands.Select(operand => operand.PopulationId));
        var not = Assert.IsType<BooleanGateDefinition>(template.Gates.Single(gate => gate.Id == "not_CD4"));
        Assert.Equal(BooleanOperation.Not, not.Operation);

        // Compensated parameters without a recorded matrix: each file's own spillover, said out loud.
        Assert.Equal(CompensationSource.File, template.Compensation.Source);
        Assert.Contains(imported.Problems, problem => problem.Message.Contains("records no matrix", StringComparison.Ordinal));
    }

    [Fact]
    public void A_CurlyQuad_imports_as_a_straight_open_rectangle_and_says_so_and_an_outside_gate_is_not_converted()
    {
        const string xml = """
            <Workspace version="20.0" xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating" xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
              <SampleList><Sample><DataSet uri="file:/x/a.fcs" sampleID="3"/>
                <SampleNode name="a.fcs" count="10" sampleID="3"><Subpopulations>
                  <Population name="CD4+ CD8+" count="4" owningGroup=""><Gate><gating:CurlyQuad>
                    <gating:dimension gating:min="500"><data-type:fcs-dimension data-type:name="FJComp-PE-A"/></gating:dimension>
                    <gating:dimension gating:min="700"><data-type:fcs-dimension data-type:name="FJComp-APC-A"/></gating:dimension>
                  </gating:CurlyQuad></Gate></Population>
                  <Population name="outside" count="6" owningGroup=""><Gate><gating:RectangleGate eventsInside="0">
                    <gating:dimension gating:min="1"><data-type:fcs-dimension data-type:name="FSC-A"/></gating:dimension>
                  </gating:RectangleGate></Gate></Population>
                </Subpopulations></SampleNode></Sample></SampleList>
            </Workspace>
            """;
        var workspace = WorkspaceReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), "t.wsp");
        var imported = TemplateImporter.FromSample(workspace, workspace.Samples[0], "t.matrix.csv");

        var quadrant = Assert.IsType<RectangleGateDefinition>(Assert.Single(imported.Draft.Gates));
        Assert.Equal([new DimensionBoundDefinition("PE-A", 500, null), new DimensionBoundDefinition("APC-A", 700, null)], quadrant.Bounds);
        Assert.Equal(Approximation.Shape, imported.Populations.Single(population => population.GateId == quadrant.Id).Approximations & Approximation.Shape);
        Assert.Contains(imported.Problems, problem => problem.XmlPath.EndsWith("Population[@name='CD4+ CD8+']/Gate/gating:CurlyQuad", StringComparison.Ordinal) && problem.Message.StartsWith("CurlyQuad imported as a straight quadrant", StringComparison.Ordinal));
        Assert.Contains(imported.Problems, problem => problem.XmlPath.EndsWith("Population[@name='outside']/Gate/gating:RectangleGate", StringComparison.Ordinal) && problem.Message.Contains("eventsInside", StringComparison.Ordinal));
        Assert.Equal("CD4+_CD8+", quadrant.Id);
        Assert.Equal("CD4+ CD8+", quadrant.DisplayName);
    }
}
