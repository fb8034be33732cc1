using System.Text.RegularExpressions;

namespace CytoViability.Cli.Tests.Readme;

/// <summary>
/// The README's sample session (the ```console block that starts with the main job's `dotnet run … -- run …`) is
/// replayed: the `run` in-process with the same arguments, the `grep '^PREFIX' FILE | cut -d, -f1-N` lines on its
/// output, and every line the README shows must be what the run prints. Timings ("2.46 s") and the order in which
/// files finish are masked; paths are compared with the clone shown as &lt;clone&gt;.
/// </summary>
public sealed partial class ReadmeTranscriptTests : IDisposable
{
    private const string RunPrefix = "$ dotnet run --project src/CytoViability.Cli -c Release -- ";

    private readonly string _root = Directory.CreateTempSubdirectory("cv-readme-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [GeneratedRegex(@"\b\d+(\.\d+)? s\b")]
    private static partial Regex Seconds();

    [GeneratedRegex(@"^\[\d+/(\d+)\] ")]
    private static partial Regex Progress();

    [GeneratedRegex(@"^\$ grep '\^([^']*)' (\S+) \| cut -d, -f1-(\d+)(\s+#.*)?$")]
    private static partial Regex GrepCut();

    [Fact]
    public void ReadmeSampleSession_IsWhatTheMainJobPrintsToday()
    {
        var readme = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        var (first, block) = Transcript(readme);
        var output = Path.Combine(_root, "out");
        string? outFolder = null;
        var actual = new List<string>();
        var shown = new List<(int Line, string Text)>();
        foreach (var (line, text) in block)
        {
            if (text.StartsWith(RunPrefix, StringComparison.Ordinal))
            {
                var args = text[RunPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var outIndex = Array.IndexOf(args, "--out");
                Assert.True(args[0] == "run" && outIndex > 0, "README.md line " + line + ": the session must start with `run FOLDER --out DIR`");
                outFolder = args[outIndex + 1];
                args[1] = Path.Combine(TestPaths.RepositoryRoot, args[1]);
                args[outIndex + 1] = output;
                var console = new StringWriter();
                var exit = CliApp.Run(args, console, console);
                Assert.True(exit == 0, "the README's run ended with exit code " + exit + ":\n" + console);
                actual.Add(text);
                actual.AddRange(console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
            }
            else if (GrepCut().Match(text) is { Success: true } grep)
            {
                Assert.NotNull(outFolder);
                var file = Path.Combine(output, Path.GetRelativePath(outFolder, grep.Groups[2].Value));
                var fields = int.Parse(grep.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
                actual.Add(text);
                actual.AddRange(File.ReadLines(file)
                    .Where(row => row.StartsWith(grep.Groups[1].Value, StringComparison.Ordinal))
                    .Select(row => string.Join(',', row.Split(',').Take(fields))));
            }
            else
            {
                Assert.False(text.StartsWith("$ ", StringComparison.Ordinal), "README.md line " + line + ": this test replays only `run` and `grep '^X' FILE | cut -d, -f1-N`: " + text);
            }

            shown.Add((line, text));
        }

        Assert.True(outFolder is not null, "README.md line " + first + ": the sample session runs nothing");
        var expected = Normalise(shown.Select(s => s.Text), shown.Select(s => s.Line).ToList(), null, null);
        var real = Normalise(actual, null, output, "<clone>/" + outFolder);
        for (var i = 0; i < Math.Max(expected.Text.Count, real.Text.Count); i++)
        {
            var readmeLine = i < expected.Text.Count ? expected.Text[i] : "(nothing)";
            var runLine = i < real.Text.Count ? real.Text[i] : "(nothing)";
            Assert.True(
                readmeLine == runLine,
                "README.md line " + (i < expected.Lines.Count ? expected.Lines[i] : first + shown.Count) + " differs from a real run of its main job"
                + " (timings and file order are masked):\n  README: " + readmeLine + "\n  run:    " + runLine
                + "\nThe run printed (paste it into README.md after re-checking the numbers):\n" + string.Join('\n', actual));
        }
    }

    /// <summary>The lines of the README's first ```console block that starts with the main job, with line numbers.</summary>
    private static (int First, List<(int Line, string Text)> Block) Transcript(string[] readme)
    {
        for (var i = 0; i + 1 < readme.Length; i++)
        {
            if (readme[i] == "```console" && readme[i + 1].StartsWith(RunPrefix, StringComparison.Ordinal))
            {
                var block = new List<(int, string)>();
                for (var j = i + 1; j < readme.Length && readme[j] != "```"; j++)
                {
                    block.Add((j + 1, readme[j]));
                }

                return (i + 2, block);
            }
        }

        Assert.Fail("README.md has no ```console block starting with `" + RunPrefix + "run …`");
        return default;
    }

    /// <summary>
    /// Timings become "# s"; the output folder becomes &lt;clone&gt;/OUT and the repository &lt;clone&gt;; a run of
    /// progress lines ("[k/N] FILE", files finish in any order) becomes one line naming N, whatever the README shows
    /// between its first and last ("…").
    /// </summary>
    private static (List<string> Text, List<int> Lines) Normalise(IEnumerable<string> lines, List<int>? numbers, string? output, string? shownOutput)
    {
        var text = new List<string>();
        var kept = new List<int>();
        var index = 0;
        var inProgress = false;
        foreach (var raw in lines)
        {
            var line = raw;
            if (output is not null)
            {
                line = line.Replace(output, shownOutput!, StringComparison.Ordinal);
                line = line.Replace(TestPaths.RepositoryRoot, "<clone>", StringComparison.Ordinal);
            }

            line = Seconds().Replace(line, "# s");
            var progress = Progress().Match(line);
            if (progress.Success || (inProgress && line.StartsWith('…')))
            {
                if (!inProgress)
                {
                    text.Add("[1/N] … [N/N] one line per file, N = " + progress.Groups[1].Value);
                    kept.Add(numbers?[index] ?? 0);
                }

                inProgress = true;
            }
            else
            {
                inProgress = false;
                text.Add(line);
                kept.Add(numbers?[index] ?? 0);
            }

            index++;
        }

        return (text, kept);
    }
}
