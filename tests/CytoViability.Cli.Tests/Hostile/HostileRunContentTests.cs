using System.Globalization;
using CytoViability.Core.Csv;
using CytoViability.Tests;

namespace CytoViability.Cli.Tests.Hostile;

/// <summary>
/// What a stranger's experiment folder can put into a run: file names and keyword text that spreadsheets or
/// browsers would execute, sample sheets pointing outside the folder, symlinks out. The run reads nothing outside,
/// changes no input, and writes that text only as inert, correctly quoted cells.
/// </summary>
public sealed class HostileRunContentTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static readonly string[] HostileNames =
    [
        "=HYPERLINK(\"http---x\",\"y\")", "+1+cmd", "-2-3", "@SUM(A1)", "comma,name", "quote\"name", "new\nline", "tab\tname",
    ];

    private readonly HostileExperiment _experiment = new(files: 6, eventsPerFile: 2_000);

    public void Dispose() => _experiment.Dispose();

    [Fact]
    public void HostileFileNamesAndKeywords_AreQuotedAndNeutralisedInEveryCsv_AndReadBackExactly()
    {
        for (var i = 0; i < HostileNames.Length; i++)
        {
            _experiment.WriteFcs(HostileNames[i] + ".fcs", 2_000, 100 + i, hostileText: "=1+1 " + HostileNames[i]);
        }

        var output = _experiment.Out();
        var (exit, _, error) = InProcessRun.Run(["run", _experiment.Folder, "--template", Path.Combine(_experiment.Folder, "t.yaml"), "--out", output, "--no-report"], Limit);

        Assert.True(exit == 0, error);
        foreach (var csv in Directory.GetFiles(output, "*.csv"))
        {
            var text = File.ReadAllText(csv);
            foreach (var cell in RawCsv.SplitRecords(text).SelectMany(record => record))
            {
                Assert.False(Executes(cell), Path.GetFileName(csv) + " has a cell a spreadsheet would execute: " + cell);
            }
        }

        var populations = CsvReader.ReadFile(Path.Combine(output, "populations.csv"));
        var files = populations.Rows.Select(row => row[populations.RequireColumn("file")]).ToHashSet();
        foreach (var name in HostileNames)
        {
            Assert.Contains(name + ".fcs", files);
        }
    }

    [Fact]
    public void A_55000_gate_chain_listed_child_first_is_refused_by_run_not_a_stack_overflow()
    {
        var yaml = new System.Text.StringBuilder("channels:\n  FSC-A: FSC-A\ngates:\n");
        for (var i = 54_999; i >= 0; i--)
        {
            yaml.Append("  - { id: g").Append(i).Append(i == 0 ? string.Empty : ", parent: g" + (i - 1)).Append(", type: range, channel: FSC-A, min: 0 }\n");
        }

        var template = Path.Combine(_experiment.Root, "deep.yaml");
        File.WriteAllText(template, yaml.ToString());
        var output = _experiment.Out();

        // In a child, where an overflow would end only that process and show here as its exit code. `validate` loads
        // the template with the same TemplateLoader call, and Core's DeepGateChainTests checks its refusal of this
        // chain at the gate's line.
        var (runExit, _, runError) = ChildRun.Run(["run", _experiment.Folder, "--template", template, "--out", output, "--no-report"], Limit);

        Assert.Equal(1, runExit);
        Assert.Contains("nested deeper than 256 levels", runError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_file_name_with_a_newline_cannot_forge_lines_in_run_log_or_on_the_console()
    {
        _experiment.WriteFcs("evil\n[7/7] forged.fcs", 2_000, 11);
        var output = _experiment.Out();
        var console = new StringWriter();

        var exit = CliApp.Run(["run", _experiment.Folder, "--template", Path.Combine(_experiment.Folder, "t.yaml"), "--out", output, "--no-report"], console, console);

        Assert.Equal(0, exit);
        foreach (var text in new[] { File.ReadAllText(Path.Combine(output, "run.log")), console.ToString() })
        {
            var lines = text.Split('\n');
            Assert.DoesNotContain(lines, line => line.StartsWith("[7/7] forged.fcs", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("evil\\n[7/7] forged.fcs", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void SheetAndLinksPointingOutside_AreRefused_NothingOutsideIsRead_NoInputChanges()
    {
        var outside = Path.Combine(_experiment.Root, "outside");
        _experiment.WriteFcs("secret.fcs", 2_000, 7, directory: outside);
        File.CreateSymbolicLink(Path.Combine(_experiment.Folder, "D5_link.fcs"), Path.Combine(outside, "secret.fcs"));
        Directory.CreateSymbolicLink(Path.Combine(_experiment.Folder, "linked-folder"), outside);
        var rows = Directory.GetFiles(_experiment.Folder, "D*_tube*.fcs").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Select(name => name + "," + name![..2] + ",a").ToList();
        rows.Add("../outside/secret.fcs,D8,a");
        rows.Add(Path.Combine(outside, "secret.fcs") + ",D8,b");
        rows.Add("linked-folder/secret.fcs,D8,c");
        rows.Add("D5_link.fcs,D8,d");
        File.WriteAllText(Path.Combine(_experiment.Folder, "samples.csv"), "file,donor,treatment\n" + string.Join('\n', rows) + "\n");
        var before = HostileExperiment.Fingerprints(_experiment.Root);
        var output = Path.Combine(_experiment.Folder, "cytoviability-out");

        var (exit, _, error) = InProcessRun.Run(["run", _experiment.Folder, "--template", Path.Combine(_experiment.Folder, "t.yaml"), "--samples", Path.Combine(_experiment.Folder, "samples.csv"), "--no-report"], Limit);

        Assert.True(exit is 1 or 2, "exit " + exit + ": " + error);
        var after = HostileExperiment.Fingerprints(_experiment.Root);
        foreach (var (path, fingerprint) in before)
        {
            Assert.True(after.TryGetValue(path, out var now) && now == fingerprint, path + " was changed by the run");
        }

        if (exit == 2)
        {
            var populations = CsvReader.ReadFile(Path.Combine(output, "populations.csv"));
            Assert.DoesNotContain(populations.Rows, row => row[populations.RequireColumn("file")].Contains("secret", StringComparison.Ordinal));
            Assert.Equal(6, populations.Rows.Select(row => row[populations.RequireColumn("file")]).Distinct().Count());
            var qc = CsvReader.ReadFile(Path.Combine(output, "qc.csv"));
            Assert.True(qc.Rows.Count(row => row[qc.RequireColumn("status")] == "fail") >= 1, "no fail row for the link pointing outside");
        }
        else
        {
            Assert.Contains("..", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MarkupInFileNamesKeywordsAndSheet_ShowsAsTextInTheReport_NeverAsMarkup()
    {
        _experiment.WriteFcs("D0_<img src=x onerror=alert(1)>.fcs", 2_000, 21, hostileText: "<script>alert('fil')</script>");
        _experiment.WriteFcs("D1_\"><svg onload=alert(2)>.fcs", 2_000, 22, hostileText: "</td></tr></table><script>alert('tube')</script>");
        var rows = Directory.GetFiles(_experiment.Folder, "*.fcs").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Select(name => "\"" + name!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"," + (name.StartsWith("D0_<", StringComparison.Ordinal) ? "<script>alert(3)</script>" : "plain") + "," + name[..2]);
        File.WriteAllText(Path.Combine(_experiment.Folder, "samples.csv"), "file,treatment,donor\n" + string.Join('\n', rows) + "\n");
        var output = _experiment.Out();

        var (exit, _, error) = InProcessRun.Run(["run", _experiment.Folder, "--template", Path.Combine(_experiment.Folder, "t.yaml"), "--samples", Path.Combine(_experiment.Folder, "samples.csv"), "--out", output], Limit);

        Assert.True(exit is 0 or 2, "exit " + exit + ": " + error);
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        foreach (var markup in new[] { "<script>alert", "<img src=x", "<svg onload", "</td></tr></table><script>", "onerror=alert(1)>" })
        {
            Assert.DoesNotContain(markup, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("D0_&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;svg onload=alert(2)&gt;", html, StringComparison.Ordinal);
    }

    /// <summary>A spreadsheet runs a cell starting with = + - @ (or tab/CR) unless it is a plain number.</summary>
    private static bool Executes(string cell)
        => cell.Length > 0 && (cell[0] is '=' or '@' or '\t' or '\r'
            || (cell[0] is '+' or '-' && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _)));
}
