using System.Globalization;
using CytoViability.Core.Csv;

namespace CytoViability.Cli.Tests.Run;

/// <summary>
/// `cytoviability run` on a generated experiment whose populations the generator counted: every count, the
/// geometric MFI, viability, killing, purity flags and MFI folds are checked against that truth.
/// </summary>
public sealed class RunEndToEndTests : IDisposable
{
    private readonly RunFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static double Cell(CsvTable table, IReadOnlyList<string> row, string column)
        => double.Parse(row[table.RequireColumn(column)], CultureInfo.InvariantCulture);

    private static string Text(CsvTable table, IReadOnlyList<string> row, string column) => row[table.RequireColumn(column)];

    [Fact]
    public void Run_SyntheticExperiment_CountsEqualTheGeneratorsTruth()
    {
        Assert.Equal(0, _fixture.Run("out"));

        var populations = _fixture.Table("out", "populations.csv");
        Assert.Equal(["sample", "file", "population", "parent", "count", "parent_count", "percent_parent", "percent_total", "donor", "replicate", "treatment", "antibody"], populations.Header);
        foreach (var well in _fixture.Wells)
        {
            long CountOf(string population)
            {
                var row = Assert.Single(populations.Rows, r => r[0] == well.Sample && r[2] == population);
                Assert.Equal(well.File, row[1]);
                return long.Parse(row[4], CultureInfo.InvariantCulture);
            }

            Assert.Equal(well.Events, CountOf("all"));
            Assert.Equal(well.Cells, CountOf("cells"));
            Assert.Equal(well.Viable, CountOf("viable"));
            Assert.Equal(well.Targets, CountOf("targets"));
            Assert.Equal(well.DeadTargets, CountOf("dead_targets"));
            Assert.Equal(well.Pure, CountOf("pure"));
        }

        var viableRow = Assert.Single(populations.Rows, r => r[0] == _fixture.Wells[0].Sample && r[2] == "viable");
        Assert.Equal("cells", Text(populations, viableRow, "parent"));
        Assert.Equal(100.0 * _fixture.Wells[0].Viable / _fixture.Wells[0].Cells, Cell(populations, viableRow, "percent_parent"), 12);
        Assert.Equal(100.0 * _fixture.Wells[0].Viable / _fixture.Wells[0].Events, Cell(populations, viableRow, "percent_total"), 12);
    }

    [Fact]
    public void Run_SyntheticExperiment_WideTableHasOneRowPerWell_WithTheGeneratorsPercentOfParent()
    {
        Assert.Equal(0, _fixture.Run("out"));

        var wide = _fixture.Table("out", "populations_wide.csv");
        Assert.Equal(["sample", "file", "donor", "replicate", "treatment", "antibody"], wide.Header.Take(6));
        Assert.Contains("viable % of cells", wide.Header);
        Assert.Contains("dead_targets % of targets", wide.Header);
        Assert.Contains("viable geometric mean CD40L", wide.Header);
        Assert.Equal(_fixture.Wells.Count, wide.Rows.Count);
        foreach (var well in _fixture.Wells)
        {
            var row = Assert.Single(wide.Rows, r => r[0] == well.Sample);
            Assert.Equal((well.File, well.Donor, well.Treatment), (row[1], row[2], row[4]));
            Assert.Equal(100.0 * well.Viable / well.Cells, CsvTable.ParseNumber(row[wide.RequireColumn("viable % of cells")]), 12);
            Assert.Equal(100.0 * well.DeadTargets / well.Targets, CsvTable.ParseNumber(row[wide.RequireColumn("dead_targets % of targets")]), 12);
        }
    }

    [Fact]
    public void Run_SyntheticExperiment_GeometricMfiAndFoldMatchTheGeneratedValues()
    {
        Assert.Equal(0, _fixture.Run("out"));

        var mfi = _fixture.Table("out", "mfi.csv");
        var gmfi = new Dictionary<string, double>();
        foreach (var well in _fixture.Wells)
        {
            double sum = 0;
            foreach (var value in well.ViableCd40l)
            {
                sum += Math.Log(value);
            }

            var expected = Math.Exp(sum / well.ViableCd40l.Count);
            gmfi[well.Sample] = expected;
            var row = Assert.Single(mfi.Rows, r => r[0] == well.Sample && r[1] == "viable" && r[2] == "CD40L");
            Assert.Equal("CD40L", Text(mfi, row, "marker"));
            Assert.Equal(expected, Cell(mfi, row, "geometric_mean"), expected * 1e-9);
            Assert.Equal(0, Cell(mfi, row, "n_nonpositive"));
        }

        var folds = _fixture.Table("out", "mfi_fold.csv");
        Assert.Equal(["donor", "treatment", "antibody", "geometric_mean", "reference_geometric_mean", "log2_fold"], folds.Header.Take(6));
        foreach (var donor in new[] { "D1", "D2", "D3" })
        {
            foreach (var antibody in new[] { "none", "ritux" })
            {
                double Mean(string treatment) => _fixture.Wells.Where(w => w.Donor == donor && w.Treatment == treatment && w.Antibody == antibody).Average(w => gmfi[w.Sample]);
                var row = Assert.Single(folds.Rows, r => r[0] == donor && r[1] == "len" && r[2] == antibody);
                var expected = Math.Log2(Mean("len") / Mean("untreated"));
                Assert.Equal(expected, Cell(folds, row, "log2_fold"), 1e-9);
                Assert.InRange(expected, 1 - 0.15, 1 + 0.15);
            }
        }
    }

    [Fact]
    public void Run_SyntheticExperiment_KillingIsSpecificLysisAgainstTheSameDonorsNoAntibodyWell()
    {
        Assert.Equal(0, _fixture.Run("out"));

        var killing = _fixture.Table("out", "killing.csv");
        foreach (var donor in new[] { "D1", "D2", "D3" })
        {
            foreach (var treatment in new[] { "untreated", "len" })
            {
                double PercentDead(string antibody) => _fixture.Wells
                    .Where(w => w.Donor == donor && w.Treatment == treatment && w.Antibody == antibody)
                    .Average(w => 100.0 * w.DeadTargets / w.Targets);
                var x = PercentDead("ritux");
                var c = PercentDead("none");
                var row = Assert.Single(killing.Rows, r => r[0] == donor && r[1] == treatment && r[2] == "ritux");
                Assert.Equal(x, Cell(killing, row, "percent_dead"), 9);
                Assert.Equal(c, Cell(killing, row, "control_percent_dead"), 9);
                Assert.Equal((x - c) / (100 - c) * 100, Cell(killing, row, "percent_killing"), 9);
                Assert.Equal("specific", Text(killing, row, "method"));

                var nominal = SyntheticExperiment.Nominal(int.Parse(donor[1..], CultureInfo.InvariantCulture), treatment, "ritux").DeadTarget * 100;
                var targets = _fixture.Wells.Where(w => w.Donor == donor && w.Treatment == treatment && w.Antibody == "ritux").Sum(w => w.Targets);
                var se = 100 * Math.Sqrt(nominal / 100 * (1 - (nominal / 100)) / targets);
                Assert.InRange(x, nominal - (4 * se), nominal + (4 * se));
            }
        }
    }

    [Fact]
    public void Run_SyntheticExperiment_SummaryAveragesWellsThenDonors_AndFlagsThePurityFailure()
    {
        Assert.Equal(0, _fixture.Run("out"));

        var summary = _fixture.Table("out", "summary.csv");
        foreach (var treatment in new[] { "untreated", "len" })
        {
            foreach (var antibody in new[] { "none", "ritux" })
            {
                var perDonor = new[] { "D1", "D2", "D3" }
                    .Select(donor => _fixture.Wells.Where(w => w.Donor == donor && w.Treatment == treatment && w.Antibody == antibody).Average(w => 100.0 * w.Viable / w.Cells))
                    .ToArray();
                var mean = perDonor.Average();
                var sd = Math.Sqrt(perDonor.Sum(v => (v - mean) * (v - mean)) / (perDonor.Length - 1));
                var row = Assert.Single(summary.Rows, r => r[0] == "viability" && r[1] == treatment && r[2] == antibody);
                Assert.Equal(3, Cell(summary, row, "n_donors"));
                Assert.Equal(mean, Cell(summary, row, "mean"), 9);
                Assert.Equal(sd, Cell(summary, row, "sd"), 9);
                Assert.Equal(sd / Math.Sqrt(3), Cell(summary, row, "sem"), 9);
                Assert.Equal(treatment == "untreated", Text(summary, row, "p_value").Length == 0);
            }
        }

        var qc = _fixture.Table("out", "qc.csv");
        var purity = qc.Rows.Where(r => Text(qc, r, "check") == "purity").ToList();
        Assert.Equal(_fixture.Wells.Count, purity.Count);
        foreach (var well in _fixture.Wells)
        {
            var row = Assert.Single(purity, r => r[0] == well.Sample);
            Assert.Equal(100.0 * well.Pure / well.Cells, Cell(qc, row, "value"), 9);
            Assert.Equal(well.Donor == "D3" ? "fail" : "pass", Text(qc, row, "status"));
        }
    }

    [Fact]
    public void Run_WithoutCompensation_MisgatesViableCells()
    {
        File.WriteAllText(Path.Combine(_fixture.Folder, "template.yaml"), SyntheticExperiment.Template.Replace("compensation: file", "compensation: none", StringComparison.Ordinal));

        Assert.Equal(0, _fixture.Run("out"));

        var populations = _fixture.Table("out", "populations.csv");
        var well = _fixture.Wells[0];
        var viable = long.Parse(Assert.Single(populations.Rows, r => r[0] == well.Sample && r[2] == "viable")[4], CultureInfo.InvariantCulture);
        Assert.True(viable < well.Viable / 2, "uncompensated DiOC6 spill should push most viable cells above the PI cut, but " + viable + " of " + well.Viable + " stayed viable");
    }

    [Fact]
    public void Run_ThreadCounts_WriteByteIdenticalTables()
    {
        Assert.Equal(0, _fixture.Run("one", "--threads", "1"));
        Assert.Equal(0, _fixture.Run("two", "--threads", "2"));

        foreach (var file in new[] { "populations.csv", "populations_wide.csv", "mfi.csv", "summary.csv", "killing.csv", "mfi_fold.csv", "qc.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_fixture.Output("one"), file)), File.ReadAllBytes(Path.Combine(_fixture.Output("two"), file)));
        }
    }
}
