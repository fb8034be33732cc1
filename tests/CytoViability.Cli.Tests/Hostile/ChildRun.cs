using System.Diagnostics;
using System.Text;

namespace CytoViability.Cli.Tests.Hostile;

/// <summary>
/// Runs the built cytoviability.dll in its own process (`dotnet cytoviability.dll ...`), as a lab's script would,
/// so a test can kill it, limit what it may write, or wait for it with a time limit.
/// </summary>
internal sealed class ChildRun : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ChildRun(Process process)
    {
        _process = process;
    }

    public static string Program { get; } = Path.Combine(AppContext.BaseDirectory, "cytoviability.dll");

    /// <summary>
    /// Starts `dotnet cytoviability.dll ARGS`; with <paramref name="fileSizeLimitKb"/>, under `ulimit -f` with SIGXFSZ
    /// ignored; <paramref name="environment"/> adds variables (e.g. DOTNET_GCHeapHardLimit, a container's memory limit).
    /// </summary>
    public static ChildRun Start(IReadOnlyList<string> arguments, int? fileSizeLimitKb = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (fileSizeLimitKb is { } limit)
        {
            // An ignored signal stays ignored across exec, so a write past the limit fails with EFBIG instead of killing.
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("trap '' XFSZ; ulimit -f " + limit + "; exec dotnet \"$@\"");
            start.ArgumentList.Add("sh");

            // This child needs write-xor-execute off (QuickStartUp, below): its code mapping lives in a file that the
            // limit would stop at start-up.
        }
        else
        {
            start.FileName = "dotnet";
        }

        start.ArgumentList.Add(Program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        QuickStartUp(start);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new ChildRun(process);
        process.OutputDataReceived += (_, e) => child.Append(child._output, e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(child._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// A child of the test build starts quickly and leaves nothing in /tmp when killed: tiered compilation without
    /// PGO, no write-xor-execute code mapping, no diagnostics port. That cytoviability.dll is JIT-only (the shipped
    /// tool is native or has ReadyToRun code) and its runtimeconfig turns tiering off, so every method would be
    /// compiled optimised before a child that is often killed within a second has done anything; tiered, a small run
    /// costs about half the CPU. Write-xor-execute maps every new piece of JIT code twice, which cost a 12-file run
    /// 0.69-0.71 CPU-s against 0.60-0.62 without it (docs/performance.md, "Test time"). Each .NET process opens a diagnostics socket
    /// and two debugger pipes in /tmp and removes them when it exits, so every child these tests kill used to leave
    /// three files behind. None of this changes an output, exit code or file operation of the run itself.
    /// </summary>
    public static void QuickStartUp(ProcessStartInfo start)
    {
        start.Environment["DOTNET_TieredCompilation"] = "1";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
    }

    /// <summary>Runs to the end (or fails the test after <paramref name="limit"/>): exit code, stdout, stderr.</summary>
    public static (int Exit, string Output, string Error) Run(IReadOnlyList<string> arguments, TimeSpan limit, int? fileSizeLimitKb = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var child = Start(arguments, fileSizeLimitKb, environment);
        if (!child.WaitForExit(limit))
        {
            child.Kill();
            Assert.Fail("cytoviability " + string.Join(' ', arguments) + " did not finish within " + limit + " (hang)\n" + child.Error);
        }

        return (child.ExitCode, child.Output, child.Error);
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public bool WaitForExit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    /// <summary>SIGKILL: no finally blocks, no flushing, exactly what a power cut or an OOM killer does.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.Append(line).Append('\n');
        }
    }
}
