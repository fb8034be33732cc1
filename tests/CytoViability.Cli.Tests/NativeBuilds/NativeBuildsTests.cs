using CytoViability.Cli;

namespace CytoViability.Cli.Tests.NativeBuilds;

/// <summary>
/// The linux-x64 tool hands over to its AVX-512 build only where the kernel lists every AVX-512 part x86-64-v4
/// needs; `--version` names the build that runs.
/// </summary>
public sealed class NativeBuildsTests
{
    [Fact]
    public void A_zen_4_flags_line_has_avx512()
    {
        const string Flags = "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sse sse2 ht syscall nx avx2 sha_ni avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512_bf16 avx512vbmi";

        Assert.True(Cli.NativeBuilds.HasAvx512(Flags));
    }

    [Fact]
    public void An_alder_lake_flags_line_without_avx512_does_not()
    {
        const string Flags = "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sse sse2 ht syscall nx avx avx2 fma bmi1 bmi2 sha_ni avx_vnni";

        Assert.False(Cli.NativeBuilds.HasAvx512(Flags));
    }

    [Fact]
    public void Avx512f_alone_is_not_enough()
    {
        // Xeon Phi (Knights Landing) has F and CD but neither BW, DQ nor VL: x86-64-v4 code would stop at its first BW instruction.
        const string Flags = "flags\t\t: fpu sse sse2 avx avx2 avx512f avx512pf avx512er avx512cd";

        Assert.False(Cli.NativeBuilds.HasAvx512(Flags));
    }

    [Fact]
    public void A_flag_is_a_whole_word_not_a_prefix()
    {
        const string Flags = "flags\t\t: avx512fx avx512bwx avx512cdx avx512dqx avx512vlx";

        Assert.False(Cli.NativeBuilds.HasAvx512(Flags));
    }

    [Theory]
    [InlineData(true, "run", "example-fcs/adcc", "--out", "out/adcc")]
    [InlineData(true, "plan", "example-fcs/adcc", "--shards", "2", "--out", "plan")]
    [InlineData(true, "inspect", "a.fcs", "--stats")]
    [InlineData(true, "export", "a.fcs")]
    [InlineData(false, "run", "--manifest", "plan/manifest.json", "--shard", "1")]
    [InlineData(false, "run", "--manifest", "plan/manifest.json", "--shard", "1", "--map")]
    [InlineData(false, "merge", "plan")]
    [InlineData(false, "validate", "t.yaml")]
    [InlineData(false)]
    public void Only_the_commands_that_hash_or_read_at_scale_hand_over_and_a_shards_run_does_not(bool handsOver, params string[] args)
        => Assert.Equal(handsOver, Cli.NativeBuilds.WorthTheHandOver(args));

    [Fact]
    public void Version_prints_the_tools_version_and_under_the_jit_no_native_level()
    {
        var output = new StringWriter();

        var status = CliApp.Run(["--version"], output, TextWriter.Null);

        Assert.Equal(0, status);
        Assert.Matches(@"^\d+\.\d+\.\d+\S*\r?\n$", output.ToString());
    }
}
