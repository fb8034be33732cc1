namespace CytoViability.Cli.Tests.FlowJo;

public sealed class FlowJoCommandTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "cv-flowjo-cli-" + Guid.NewGuid().ToString("N"));

    private static string Data(string folder) => Path.Combine(TestPaths.RepositoryRoot, "tests", "data", "flowjo", folder);

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    [Fact]
    public void Import_writes_the_template_and_names_every_approximation_by_its_xml_path()
    {
        var console = new StringWriter();
        var template = Path.Combine(_output, "line.yaml");

        var exit = CliApp.Run(["flowjo", "import", Path.Combine(Data("whitews__FlowKit__simple_line_example"), "simple_poly_and_rect_v2_poly50.wsp"), "--out", template], console, console);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(template));
        Assert.Contains("line.yaml: group my_group, 2 of 2 populations converted", console.ToString(), StringComparison.Ordinal);
        Assert.Contains("warning: ", console.ToString(), StringComparison.Ordinal);
        Assert.Contains("/Workspace/SampleList/Sample[@sampleID='1']/Transformations/transforms:linear[@name='channel_A']: linear display starting at 50000", console.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, CliApp.Run(["validate", template], new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void Audit_writes_the_parity_table_and_sums_up_its_causes()
    {
        var console = new StringWriter();

        var exit = CliApp.Run(["flowjo", "audit", Path.Combine(Data("whitews__flowpy__20171218_Workspace"), "20171218 Workspace.xml"), Data("whitews__flowpy__20171218_Workspace"), "--out", _output, "--binned"], console, console);

        Assert.Equal(0, exit);
        var records = RawCsv.SplitRecords(File.ReadAllText(Path.Combine(_output, "flowjo_parity.csv")));
        Assert.Equal(["sample", "sample_id", "population", "flowjo_count", "our_count", "difference", "percent", "cause", "workspace_gate", "binned_low", "binned_high"], records[0]);
        Assert.Equal(["test_data_2d_01.fcs", "2", "/channel_B, channel_A subset", "4397", "4397", "0", "0", "exact"], records[2].Take(8));
        Assert.Contains("  exact: 6", console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_workspace_is_a_one_line_error_and_exit_1()
    {
        Directory.CreateDirectory(_output);
        var broken = Path.Combine(_output, "broken.wsp");
        File.WriteAllText(broken, "<Workspace version=\"20.0\"><SampleList>");
        var error = new StringWriter();

        var exit = CliApp.Run(["flowjo", "import", broken, "--out", Path.Combine(_output, "t.yaml")], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: " + broken, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("not well-formed XML", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gatingml_export_and_import_subcommands_sit_beside_the_evaluating_gatingml_command()
    {
        var template = Path.Combine(_output, "quad.yaml");
        Assert.Equal(0, CliApp.Run(["flowjo", "import", Path.Combine(Data("whitews__FlowKit__simple_diamond_example"), "simple_diamond_example_quad_gate.wsp"), "--out", template], new StringWriter(), new StringWriter()));
        var document = Path.Combine(_output, "quad.xml");

        Assert.Equal(0, CliApp.Run(["gatingml", "export", template, "--out", document], new StringWriter(), new StringWriter()));
        var console = new StringWriter();
        Assert.Equal(0, CliApp.Run(["gatingml", "import", document, "--out", Path.Combine(_output, "back.yaml")], console, console));
        Assert.Contains("back.yaml: written and validated", console.ToString(), StringComparison.Ordinal);

        // The original command still evaluates a document on a file: FlowJo's quadrant counts, from the workspace.
        var evaluate = new StringWriter();
        Assert.Equal(0, CliApp.Run(["gatingml", Path.Combine(Data("whitews__FlowKit__simple_diamond_example"), "test_data_diamond_01.fcs"), document, "--out", Path.Combine(_output, "membership")], evaluate, evaluate));
        Assert.Contains("Q1_channel_A-_channel_B+: 49671 of 200000 events", evaluate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_of_a_folder_that_is_no_finished_run_is_a_one_line_error_and_exit_1()
    {
        Directory.CreateDirectory(_output);
        var error = new StringWriter();

        var exit = CliApp.Run(["flowjo", "export", _output, "--out", Path.Combine(_output, "run.wsp")], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Equal("error: " + _output + ": no run.json; not a finished run's output folder" + Environment.NewLine, error.ToString());
        Assert.False(File.Exists(Path.Combine(_output, "run.wsp")));
    }

    [Fact]
    public void Audit_never_writes_into_a_folder_it_does_not_own()
    {
        Directory.CreateDirectory(_output);
        File.WriteAllText(Path.Combine(_output, "thesis.docx"), "not ours");
        var error = new StringWriter();

        var exit = CliApp.Run(["flowjo", "audit", Path.Combine(Data("whitews__flowpy__20171218_Workspace"), "20171218 Workspace.xml"), Data("whitews__flowpy__20171218_Workspace"), "--out", _output], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["thesis.docx"], Directory.GetFileSystemEntries(_output).Select(Path.GetFileName));
    }
}
