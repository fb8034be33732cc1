using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace CytoViability.Cli;

/// <summary>
/// The linux-x64 tool is native code compiled for one instruction-set level, and native AOT cannot switch to
/// instructions it was not compiled for at run time. So scripts/publish.sh and scripts/pack.sh ship two builds side
/// by side: `cytoviability` for x86-64-v3 (AVX2, every x64 CPU since 2013-2015) and `cytoviability-x86-64-v4`, the
/// same program for CPUs with AVX-512 (Intel Xeon since Skylake, AMD Zen 4 and later: most cluster nodes), where
/// the ADCC batch took 21 % less CPU, mostly the inputs' sha256 hashed sixteen files at a time (docs/performance.md,
/// session 16). For the commands that read events at scale (<see cref="DataCommands"/>) the first replaces itself
/// with the second (execv: same process, arguments, environment and streams) when the CPU and the kernel support
/// AVX-512; the outputs are byte-identical either way (.ci/self-contained.sh, .ci/installed-tool.sh). The hand-over
/// costs a second start, about 10 ms, which the other commands (help, templates, validate, …) do not pay.
/// CYTOVIABILITY_NATIVE_BUILD=x86-64-v3 keeps the first; `cytoviability --version` says which build they run.
/// </summary>
internal static class NativeBuilds
{
    public const string Avx512Suffix = "-x86-64-v4";

    public const string ChoiceVariable = "CYTOVIABILITY_NATIVE_BUILD";

    /// <summary>The commands whose work grows with the events read: only they are worth a second start.</summary>
    public static readonly IReadOnlyList<string> DataCommands = ["run", "plan", "inspect", "export"];

    /// <summary>
    /// How `--version` lists the commands that hand over: a shard's run (`run --manifest … --shard K`) does not, since
    /// it trusts the manifest's hashes and the two builds gate at the same speed (0.915 s of CPU each for a shard of
    /// 482 files, session 17), and the second start was a tenth of what a shard adds to a sharded run.
    /// </summary>
    public const string HandedOver = "run (not a shard's), plan, inspect, export";

    /// <summary>Whether a command line is one that the AVX-512 build runs faster: a data command, and no shard's run.</summary>
    internal static bool WorthTheHandOver(string[] args)
        => args.Length > 0 && DataCommands.Contains(args[0]) && !(args[0] == "run" && args.Contains("--shard"));

    /// <summary>The instruction-set level this code was compiled for (x64; other architectures by name), or null under the JIT (which uses what the CPU has).</summary>
    public static string? Level =>
        RuntimeFeature.IsDynamicCodeSupported ? null
        : RuntimeInformation.ProcessArchitecture != Architecture.X64 ? RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()
        : Avx512F.IsSupported ? "x86-64-v4"
        : Avx2.IsSupported ? "x86-64-v3"
        : Sse42.IsSupported && Popcnt.IsSupported ? "x86-64-v2"
        : "x86-64";

    /// <summary>" (native x86-64-v4)" for the heading of a run's log, so run.log says which build gated; empty under the JIT.</summary>
    public static string Describe() => Level is { } level ? " (native " + level + ")" : string.Empty;

    /// <summary>Replaces this process with the AVX-512 build for a data command when it pays; returns when this build goes on.</summary>
    public static void RunAvx512BuildWhereFaster(string[] args)
    {
        if (!WorthTheHandOver(args) || Avx512Build() is not { } faster)
        {
            return;
        }

        var argv = new string?[args.Length + 2];
        argv[0] = faster;
        args.CopyTo(argv, 1);

        // Returns only when the other build could not be started (then this one does the work).
        _ = Execv(faster, argv);
    }

    /// <summary>The AVX-512 build beside this x86-64-v3 executable when this CPU and kernel can run it and it is not declined; else null.</summary>
    public static string? Avx512Build()
    {
        if (!OperatingSystem.IsLinux() || Level != "x86-64-v3" || Environment.GetEnvironmentVariable(ChoiceVariable) == "x86-64-v3")
        {
            return null;
        }

        var faster = Environment.ProcessPath + Avx512Suffix;
        return Environment.ProcessPath is not null && File.Exists(faster) && OperatingSystemHasAvx512() ? faster : null;
    }

    /// <summary>
    /// Whether the CPU has x86-64-v4's AVX-512 parts and the kernel saves their registers: Linux lists a feature in
    /// /proc/cpuinfo only when both hold (the CPU's own flags alone would not say whether the kernel enabled them).
    /// </summary>
    internal static bool OperatingSystemHasAvx512()
    {
        try
        {
            using var cpuinfo = new StreamReader("/proc/cpuinfo");
            while (cpuinfo.ReadLine() is { } line)
            {
                if (line.StartsWith("flags", StringComparison.Ordinal))
                {
                    return HasAvx512(line);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // No /proc: stay with the build that runs everywhere.
        }

        return false;
    }

    /// <summary>Whether a /proc/cpuinfo flags line names every AVX-512 part x86-64-v4 needs (F, BW, CD, DQ, VL).</summary>
    internal static bool HasAvx512(string flagsLine)
    {
        var colon = flagsLine.IndexOf(':', StringComparison.Ordinal);
        var flags = new HashSet<string>(flagsLine[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        return flags.Contains("avx512f") && flags.Contains("avx512bw") && flags.Contains("avx512cd") && flags.Contains("avx512dq") && flags.Contains("avx512vl");
    }

    // DllImport, not LibraryImport: the latter's generated code needs unsafe blocks, which the projects do not allow.
    // Strings go to libc as UTF-8; the array's last element, null, ends argv.
    [DllImport("libc", EntryPoint = "execv", CharSet = CharSet.Ansi)]
    private static extern int Execv(string path, string?[] argv);
}
