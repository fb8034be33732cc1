using CytoViability.Core.Compensation;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Compensation;

/// <summary>A file's SPILL put on its detectors: by $PnN, else by a $PnS label that only one parameter carries.</summary>
public sealed class FileSpilloverChannelsTests
{
    private static FcsParameter Parameter(int n, string name, string? stain) => new(n, name, stain, 262144, 32, 0, 0, null, null);

    private static readonly SpilloverMatrix StainSpill = new(["DiOC6", "PI"], [1, 0.5, 0, 1]);

    [Fact]
    public void Stain_names_carried_by_one_parameter_each_are_mapped_to_their_detectors()
    {
        var matrix = FileSpilloverChannels.Map(StainSpill, [Parameter(1, "FITC-A", "DiOC6"), Parameter(2, "PE-A", "PI")], out var mapped, out var problem);

        Assert.Null(problem);
        Assert.Equal(["FITC-A", "PE-A"], matrix!.Detectors);
        Assert.Equal(0.5, matrix[0, 1]);
        Assert.Equal(["DiOC6 → FITC-A", "PI → PE-A"], mapped);
    }

    [Fact]
    public void A_stain_name_two_parameters_carry_is_ambiguous_and_refused()
    {
        var matrix = FileSpilloverChannels.Map(StainSpill, [Parameter(1, "FITC-A", "DiOC6"), Parameter(2, "PE-A", "PI"), Parameter(3, "PerCP-Cy5-5-A", "PI")], out _, out var problem);

        Assert.Null(matrix);
        Assert.Contains("PI (label of PE-A, PerCP-Cy5-5-A)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stain_and_its_own_detector_both_named_land_on_one_detector_and_are_refused()
    {
        var matrix = FileSpilloverChannels.Map(new SpilloverMatrix(["FITC-A", "DiOC6"], [1, 0, 0, 1]), [Parameter(1, "FITC-A", "DiOC6"), Parameter(2, "PE-A", null)], out _, out var problem);

        Assert.Null(matrix);
        Assert.Contains("puts two of its channels on FITC-A", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_numbers_as_Gallios_and_Accuri_write_them_are_mapped_to_those_parameters()
    {
        var matrix = FileSpilloverChannels.Map(new SpilloverMatrix(["2", "3"], [1, 0.1, 0.2, 1]), [Parameter(1, "FSC-A", null), Parameter(2, "FL1-A", null), Parameter(3, "FL2-A", null)], out var mapped, out var problem);

        Assert.Null(problem);
        Assert.Equal(["FL1-A", "FL2-A"], matrix!.Detectors);
        Assert.Equal(["2 → FL1-A ($P2)", "3 → FL2-A ($P3)"], mapped);
    }

    [Fact]
    public void A_parameter_number_beyond_PAR_is_refused()
    {
        Assert.Null(FileSpilloverChannels.Map(new SpilloverMatrix(["4"], [1]), [Parameter(1, "FSC-A", null)], out _, out var problem));
        Assert.Contains("names 4, which is neither", problem, StringComparison.Ordinal);
    }
}
