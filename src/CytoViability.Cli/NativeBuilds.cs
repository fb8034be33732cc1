using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace CytoViability.Cli;

/// <summary>
/// The linux-x64 tool is native code compiled for one instruction-set level, and native AOT cannot switch to
/// instructions it was not compiled for at run time. So scripts/publish.sh and scripts/pack.sh ship two builds side
/// by side: `cytoviability` for x86-64-v3 (AVX2, every x64 CPU since 2013-2015) and `cytoviability-x86-64-v4`, the
/// same program for CPUs with AVX-512 (Intel Xeon since Skylake, AMD Zen 4 and later: most cluster nodes), where
/// the ADCC batch took 22 % less CPU (docs/performance.md, session 16). The first replaces itself with the second
/// (execv: same process, arguments, environment and streams) when the CPU and the operating system support AVX-512;
/// the outputs are byte-identical either way (scripts/output-snapshot.sh). CYTOVIABILITY_NATIVE_BUILD=x86-64-v3
/// keeps the first. `cytoviability --version` names the build that runs.
/// </summary>
internal static class NativeBuilds
{
    public const string Avx512Suffix = "-x86-64-v4";

    public const string ChoiceVariable = "CYTOVIABILITY_NATIVE_BUILD";

    /// <summary>The instruction-set level this code was compiled for, or null under the JIT (which uses what the CPU has).</summary>
    public static string? Level => RuntimeFeature.IsDynamicCodeSupported ? null : Avx512F.IsSupported ? "x86-64-v4" : Avx2.IsSupported ? "x86-64-v3" : "x86-64";

    /// <summary>Replaces this process with the AVX-512 build when it pays; returns when this build goes on.</summary>
    public static void RunAvx512BuildWhereFaster(string[] args)
    {
        if (!OperatingSystem.IsLinux() || Level != "x86-64-v3" || Environment.GetEnvironmentVariable(ChoiceVariable) == "x86-64-v3")
        {
            return;
        }

        var self = Environment.ProcessPath;
        var faster = self + Avx512Suffix;
        if (self is null || !File.Exists(faster) || !OperatingSystemHasAvx512())
        {
            return;
        }

        var argv = new string?[args.Length + 2];
        argv[0] = faster;
        args.CopyTo(argv, 1);

        // Returns only when the other build could not be started (then this one does the work).
        _ = Execv(faster, argv);
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
