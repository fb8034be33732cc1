namespace CytoViability.Cli.Tests.Hostile;

/// <summary>
/// Runs the CLI in the test's own process (CliApp.Run with its own writers, as Program.cs does with the console),
/// under the same time limit as <see cref="ChildRun.Run"/>: for faults where a separate process is not the point
/// (inputs that are pipes, folders or vanished files, hostile names and links), a hang still fails the test.
/// A child process is kept where it is the point: killing, `ulimit -f`, a heap limit, TMPDIR, a stack overflow.
/// </summary>
internal static class InProcessRun
{
    /// <summary>Runs to the end (or fails the test after <paramref name="limit"/>): exit code, stdout, stderr.</summary>
    public static (int Exit, string Output, string Error) Run(IReadOnlyList<string> arguments, TimeSpan limit)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var run = Task.Factory.StartNew(() => CliApp.Run([.. arguments], output, error), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!run.Wait(limit))
        {
            Assert.Fail("cytoviability " + string.Join(' ', arguments) + " did not finish within " + limit + " (hang)");
        }

        return (run.Result, output.ToString(), error.ToString());
    }
}
