using System.Globalization;

namespace CytoViability.Core.Examples;

/// <summary>
/// The study's six designs with realistic effect sizes: lenalidomide lowers CLL viability a little and CD40L
/// protects; FASL/TRAIL kill CLL cells modestly (more with lenalidomide); rituximab, ofatumumab and
/// daratumumab kill 10–40 % of the targets in ADCC (more with lenalidomide), the b12 control about none;
/// Daudi with rituximab is the strong positive control; γδ-T cells kill 18–32 %; a third of killed targets
/// disintegrate, so % PI+ targets under-reports killing and counting beads give the count method; one donor's CLL purity is
/// below 90 %; lenalidomide raises CD40L on CLL cells about 2–3 fold. Donor-to-donor variation is drawn
/// from the seed and rounded so that truth.csv reads like a lab's design sheet.
/// </summary>
internal static class ExampleDesigns
{
    public const string ReplicateColumn = "replicate";

    public const string SecondDaySuffix = "-day2";

    /// <summary>FACSDiva's $DATE form, e.g. 10-MAR-2025.</summary>
    private const string DivaDate = "dd-MMM-yyyy";

    /// <summary>Index of the second day's random stream under the run's seed (designs use 0–5).</summary>
    private const int SecondDayStream = 100;

    public static readonly string[] KillingMethods = ["difference", "specific", "relative"];

    private const string Untreated = "untreated";
    private const string Lenalidomide = "lenalidomide";

    /// <summary>PBMC effectors per DDAO-traced target (30:1): lymphocytes, some dead cells and monocytes.</summary>
    private static readonly (CellKind, CellState, double)[] PbmcEffectors =
        [(CellKind.PbmcLymphocyte, CellState.Viable, 30 * 0.85), (CellKind.PbmcLymphocyte, CellState.Dead, 30 * 0.07), (CellKind.Monocyte, CellState.Viable, 30 * 0.08)];

    private static readonly (CellKind, CellState, double)[] GammaDeltaEffectors =
        [(CellKind.GammaDeltaTCell, CellState.Viable, 0.92), (CellKind.GammaDeltaTCell, CellState.Dead, 0.08)];

    private const double AdccBeadsPerTarget = 2.0;
    private const double GammaDeltaBeadsPerTarget = 0.3;

    private static readonly (string Name, string Tube)[] Antibodies =
        [("none", "NoAb"), ("b12", "B12"), ("rituximab", "RTX"), ("ofatumumab", "OFA"), ("daratumumab", "DARA")];

    public static IReadOnlyList<ExperimentPlan> Build(ExampleOptions options)
    {
        if (options.Donors < 1 || options.Donors > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Donors, "Donors must be between 1 and 99.");
        }

        if (options.Events < 100 || options.Events > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Events, "Events must be between 100 and 10,000,000.");
        }

        ArgumentNullException.ThrowIfNull(options.Setup);
        options.Setup.Validate();
        ExperimentPlan[] experiments =
        [
            Viability(options),
            FaslTrail(options),
            Adcc(options),
            GammaDelta(options),
            Purity(options),
            Cd40lMfi(options),
        ];
        for (var e = 0; e < experiments.Length; e++)
        {
            experiments[e] = experiments[e] with { Setup = options.Setup };
        }

        return experiments;
    }

    /// <summary>
    /// The second day: the same six designs acquired with <see cref="ExampleOptions.SecondSetup"/>, drawn from
    /// their own random stream (other donor effects and events), in folders named "&lt;folder&gt;-day2" and
    /// dated four weeks after day 1. Empty when the options name no second set-up.
    /// </summary>
    public static IReadOnlyList<ExperimentPlan> BuildSecondDay(ExampleOptions options)
    {
        if (options.SecondSetup is null)
        {
            return [];
        }

        var day = options with { Seed = ExampleRandom.DeriveSeed(options.Seed, SecondDayStream), Setup = options.SecondSetup, SecondSetup = null };
        var experiments = new List<ExperimentPlan>();
        foreach (var experiment in Build(day))
        {
            experiments.Add(experiment with
            {
                Folder = experiment.Folder + SecondDaySuffix,
                ExperimentName = experiment.ExperimentName + " day 2",
                Date = DateTime.ParseExact(experiment.Date, DivaDate, CultureInfo.InvariantCulture).AddDays(28)
                    .ToString(DivaDate, CultureInfo.InvariantCulture).ToUpperInvariant(),
            });
        }

        return experiments;
    }

    public static string DonorName(int index) => "CLL" + (index + 1).ToString("00", CultureInfo.InvariantCulture);

    private static ExperimentPlan Viability(ExampleOptions options)
    {
        const int design = 0;
        var acquisition = new Acquisition(options, design);
        var tubes = new List<TubePlan>();
        var donorTruth = new List<TruthRow>();
        string[] columns = ["treatment"];
        for (var d = 0; d < options.Donors; d++)
        {
            var random = DonorRandom(options, design, d);
            var baseViable = Uniform1(random, 62, 80);
            var apoptoticShare = Uniform2(random, 0.30, 0.45);
            var lenalidomideDrop = Uniform1(random, 3, 7);
            var cd40lGain = Uniform1(random, 8, 14);
            foreach (var (treatment, tube, viable) in new[]
            {
                (Untreated, "Untreated", baseViable),
                (Lenalidomide, "Lenalidomide", baseViable - lenalidomideDrop),
                ("CD40L", "CD40L", Math.Min(baseViable + cd40lGain, 95)),
            })
            {
                var truth = ViabilityTruth(viable, apoptoticShare, out var cells);
                var conditions = Conditions(("treatment", treatment));
                tubes.Add(acquisition.Tube(DonorName(d), tube, conditions, StainPanel.Viability, cells, options.Events, truth));
                donorTruth.AddRange(DonorRows(DonorName(d), [treatment], truth));
            }
        }

        return new ExperimentPlan("viability", "CLL viability DiOC6-PI", "dioc6-pi-viability.yaml", "10-MAR-2025", columns, tubes, donorTruth);
    }

    private static ExperimentPlan FaslTrail(ExampleOptions options)
    {
        const int design = 1;
        var acquisition = new Acquisition(options, design);
        var tubes = new List<TubePlan>();
        var donorTruth = new List<TruthRow>();
        string[] columns = ["treatment", "ligand", "concentration"];
        for (var d = 0; d < options.Donors; d++)
        {
            var random = DonorRandom(options, design, d);
            var baseViable = Uniform1(random, 62, 80);
            var apoptoticShare = Uniform2(random, 0.30, 0.45);
            var lenalidomideDrop = Uniform1(random, 3, 6);
            var ligandDrops = new[]
            {
                ("none", "0", 0.0),
                ("FASL", "1", Uniform1(random, 3, 5)),
                ("FASL", "5", Uniform1(random, 8, 12)),
                ("TRAIL", "1", Uniform1(random, 2, 4)),
                ("TRAIL", "5", Uniform1(random, 6, 10)),
            };
            foreach (var treatment in new[] { Untreated, Lenalidomide })
            {
                var withLenalidomide = treatment == Lenalidomide;
                foreach (var (ligand, concentration, drop) in ligandDrops)
                {
                    // Lenalidomide sensitises CLL cells to death-receptor ligands: the ligand effect grows by 30 %.
                    var viable = TruthMath.Round(baseViable - (withLenalidomide ? lenalidomideDrop + (1.3 * drop) : drop), 1);
                    var truth = ViabilityTruth(viable, apoptoticShare, out var cells);
                    var tube = (withLenalidomide ? "LEN_" : "UT_") + (ligand == "none" ? "NoLigand" : ligand + "_" + concentration);
                    var conditions = Conditions(("treatment", treatment), ("ligand", ligand), ("concentration", concentration));
                    tubes.Add(acquisition.Tube(DonorName(d), tube, conditions, StainPanel.Viability, cells, options.Events, truth));
                    donorTruth.AddRange(DonorRows(DonorName(d), [treatment, ligand, concentration], truth));
                }
            }
        }

        return new ExperimentPlan("fasl-trail", "CLL FASL TRAIL titration", "dioc6-pi-viability.yaml", "12-MAR-2025", columns, tubes, donorTruth);
    }

    private static ExperimentPlan Adcc(ExampleOptions options)
    {
        const int design = 2;
        var acquisition = new Acquisition(options, design);
        var tubes = new List<TubePlan>();
        var donorTruth = new List<TruthRow>();
        string[] columns = ["target", "treatment", "antibody", ReplicateColumn];
        var events = 2 * options.Events;
        for (var d = 0; d < options.Donors; d++)
        {
            var random = DonorRandom(options, design, d);
            var spontaneous = Uniform1(random, 8, 22);
            var lenalidomideToxicity = Uniform1(random, 2, 4);
            var lenalidomideBoost = Uniform2(random, 1.25, 1.5);
            var killed = new[]
            {
                0.0, // no antibody: the control well itself
                Uniform1(random, -1, 1.5),
                Uniform1(random, 10, 20),
                Uniform1(random, 25, 38),
                Uniform1(random, 15, 28),
            };
            foreach (var treatment in new[] { Untreated, Lenalidomide })
            {
                var withLenalidomide = treatment == Lenalidomide;
                var control = KillingWell(CellKind.Cll, spontaneous + (withLenalidomide ? lenalidomideToxicity : 0), 0, PbmcEffectors, AdccBeadsPerTarget);
                for (var a = 0; a < Antibodies.Length; a++)
                {
                    var well = a == 0 ? control : KillingWell(CellKind.Cll, control.SpontaneousPercent, killed[a] * (withLenalidomide ? lenalidomideBoost : 1), PbmcEffectors, AdccBeadsPerTarget);
                    var tube = Antibodies[a].Tube + (withLenalidomide ? "_LEN" : "_UT");
                    AddKillingTubes(acquisition, tubes, donorTruth, DonorName(d), ["CLL", treatment, Antibodies[a].Name], tube, well, control, events);
                }
            }
        }

        // Daudi (CD20-high Burkitt line) with rituximab: the positive control that shows the effectors work.
        var daudiControl = KillingWell(CellKind.Daudi, 9.0, 0, PbmcEffectors, AdccBeadsPerTarget);
        var daudiRituximab = KillingWell(CellKind.Daudi, 9.0, 55.0, PbmcEffectors, AdccBeadsPerTarget);
        AddKillingTubes(acquisition, tubes, donorTruth, "Daudi", ["Daudi", Untreated, "none"], "Daudi_NoAb", daudiControl, daudiControl, events);
        AddKillingTubes(acquisition, tubes, donorTruth, "Daudi", ["Daudi", Untreated, "rituximab"], "Daudi_RTX", daudiRituximab, daudiControl, events);

        return new ExperimentPlan("adcc", "ADCC DDAO-PI", "adcc-killing.yaml", "17-MAR-2025", columns, tubes, donorTruth);
    }

    private static ExperimentPlan GammaDelta(ExampleOptions options)
    {
        const int design = 3;
        var acquisition = new Acquisition(options, design);
        var tubes = new List<TubePlan>();
        var donorTruth = new List<TruthRow>();
        string[] columns = ["treatment", "effector", ReplicateColumn];
        for (var d = 0; d < options.Donors; d++)
        {
            var random = DonorRandom(options, design, d);
            var spontaneous = Uniform1(random, 8, 20);
            var lenalidomideToxicity = Uniform1(random, 2, 4);
            var killing = Uniform1(random, 18, 32);
            var lenalidomideBoost = Uniform2(random, 1.2, 1.4);
            foreach (var treatment in new[] { Untreated, Lenalidomide })
            {
                var withLenalidomide = treatment == Lenalidomide;
                var control = KillingWell(CellKind.Cll, spontaneous + (withLenalidomide ? lenalidomideToxicity : 0), 0, [], GammaDeltaBeadsPerTarget);
                var withEffectors = KillingWell(CellKind.Cll, control.SpontaneousPercent, killing * (withLenalidomide ? lenalidomideBoost : 1), GammaDeltaEffectors, GammaDeltaBeadsPerTarget);
                var arm = withLenalidomide ? "_LEN" : "_UT";
                AddKillingTubes(acquisition, tubes, donorTruth, DonorName(d), [treatment, "none"], "NoEffector" + arm, control, control, options.Events);
                AddKillingTubes(acquisition, tubes, donorTruth, DonorName(d), [treatment, "gdT"], "gdT" + arm, withEffectors, control, options.Events);
            }
        }

        return new ExperimentPlan("gamma-delta", "gdT killing DDAO-PI", "gamma-delta-killing.yaml", "19-MAR-2025", columns, tubes, donorTruth);
    }

    /// <summary>Duplicate wells of one killing condition; the last condition column is the one that names the control.</summary>
    private static void AddKillingTubes(
        Acquisition acquisition, List<TubePlan> tubes, List<TruthRow> donorTruth, string donor, string[] conditionValues,
        string tube, KillingWellPlan well, KillingWellPlan control, int events)
    {
        var columns = conditionValues.Length == 3 ? new[] { "target", "treatment", "antibody" } : new[] { "treatment", "effector" };
        for (var replicate = 1; replicate <= 2; replicate++)
        {
            var pairs = new (string, string)[columns.Length + 1];
            for (var c = 0; c < columns.Length; c++)
            {
                pairs[c] = (columns[c], conditionValues[c]);
            }

            pairs[^1] = (ReplicateColumn, Replicate(replicate));
            tubes.Add(acquisition.Tube(donor, tube + "_" + Replicate(replicate), Conditions(pairs), StainPanel.Killing, well.Cells, events, well.Truth));
        }

        donorTruth.AddRange(DonorRows(donor, conditionValues, well.Truth));
        if (!ReferenceEquals(well, control))
        {
            foreach (var method in KillingMethods)
            {
                donorTruth.Add(new TruthRow("donor", "", donor, conditionValues, "percent_killing_" + method, TruthMath.Killing(method, well.DeadPercent, control.DeadPercent)));
            }

            donorTruth.Add(new TruthRow("donor", "", donor, conditionValues, "percent_killing_count", 100 * (1 - (well.LiveTargetsPerBead / control.LiveTargetsPerBead))));
        }
    }

    private static ExperimentPlan Purity(ExampleOptions options)
    {
        const int design = 4;
        var acquisition = new Acquisition(options, design);
        var tubes = new List<TubePlan>();
        var donorTruth = new List<TruthRow>();
        string[] columns = ["panel"];
        for (var d = 0; d < options.Donors; d++)
        {
            var random = DonorRandom(options, design, d);

            // The last donor is the one whose isolate is not pure enough (QC fail below 90 %).
            var purity = d == options.Donors - 1 ? Uniform1(random, 84, 88) : Uniform1(random, 93, 98.5);
            var others = 100 - purity;
            Subpopulation[] cells =
            [
                new(CellKind.Monocyte, CellState.Viable, 3),
                new(CellKind.Cll, CellState.Viable, 0.97 * purity),
                new(CellKind.TCell, CellState.Viable, 0.97 * 0.70 * others),
                new(CellKind.NkCell, CellState.Viable, 0.97 * 0.15 * others),
                new(CellKind.NormalBCell, CellState.Viable, 0.97 * 0.15 * others),
            ];
            TruthValue[] truth = [.. Impurities(), new("purity", purity), new("percent_t_cells", TruthMath.Round(0.70 * others, 4))];
            tubes.Add(acquisition.Tube(DonorName(d), "CD5_CD19", Conditions(("panel", "CD5/CD19")), StainPanel.Purity, cells, options.Events, truth));
            donorTruth.AddRange(DonorRows(DonorName(d), ["CD5/CD19"], truth));
        }

        return new ExperimentPlan("purity", "CLL purity CD5-CD19", "cd5-cd19-purity.yaml", "05-MAR-2025", columns, tubes, donorTruth);
    }

    private static ExperimentPlan Cd40lMfi(ExampleOptions options)
    {
        const int design = 5;
        const double cd40lSigma = 0.6;
        var acquisition = new Acquisition(options, design);
        var tubes = new List<TubePlan>();
        var donorTruth = new List<TruthRow>();
        string[] columns = ["treatment"];
        var peAutofluorescence = CellPhenotypes.Autofluorescence(CellKind.Cll, CellState.Viable, CantoII.Pe);
        for (var d = 0; d < options.Donors; d++)
        {
            var random = DonorRandom(options, design, d);
            var baseMedian = TruthMath.Round(2200 + (1600 * random.NextDouble()), 0);
            var log2Shift = Uniform2(random, 0.9, 1.6);
            var baseLive = Uniform1(random, 75, 90);
            var lenalidomideToxicity = Uniform1(random, 2, 5);
            var reference = 0.0;
            foreach (var treatment in new[] { Untreated, Lenalidomide })
            {
                var withLenalidomide = treatment == Lenalidomide;
                var level = new LogNormalLevel(withLenalidomide ? baseMedian * TruthMath.Pow2(log2Shift) : baseMedian, cd40lSigma);
                var live = withLenalidomide ? TruthMath.Round(baseLive - lenalidomideToxicity, 1) : baseLive;
                Subpopulation[] cells = [new(CellKind.Cll, CellState.Viable, live), new(CellKind.Cll, CellState.Dead, TruthMath.Round(100 - live, 1))];
                var geometricMean = TruthMath.GeometricMeanOfShiftedLogNormal(level, peAutofluorescence);

                // An MFI is in the detector's units: the PE gain multiplies it (cell and autofluorescence light
                // alike); fold changes within one day do not depend on the gain.
                var measured = geometricMean * options.Setup.FluorescenceGains[CantoII.Pe];
                TruthValue[] truth = [.. Impurities(), new("percent_live", live), new("geometric_mean_cd40l", measured)];
                var tube = withLenalidomide ? "CD40L_LEN" : "CD40L_UT";
                var plan = acquisition.Tube(DonorName(d), tube, Conditions(("treatment", treatment)), StainPanel.Cd40l, cells, options.Events, truth) with { Cd40l = level };
                tubes.Add(plan);
                donorTruth.AddRange(DonorRows(DonorName(d), [treatment], truth));
                if (withLenalidomide)
                {
                    donorTruth.Add(new TruthRow("donor", "", DonorName(d), [treatment], "log2_fold", TruthMath.Log2(geometricMean / reference)));
                }
                else
                {
                    reference = geometricMean;
                }
            }
        }

        return new ExperimentPlan("cd40l-mfi", "CLL CD40L MFI", "cd40l-mfi.yaml", "24-MAR-2025", columns, tubes, donorTruth);
    }

    private static TruthValue[] ViabilityTruth(double viable, double apoptoticShare, out Subpopulation[] cells)
    {
        var apoptotic = TruthMath.Round((100 - viable) * apoptoticShare, 1);
        var dead = TruthMath.Round(100 - viable - apoptotic, 1);
        cells =
        [
            new(CellKind.Cll, CellState.Viable, viable),
            new(CellKind.Cll, CellState.Apoptotic, apoptotic),
            new(CellKind.Cll, CellState.Dead, dead),
        ];
        return [.. Impurities(), new("percent_viable", viable), new("percent_apoptotic", apoptotic), new("percent_dead", dead)];
    }

    /// <summary>
    /// One killing well per seeded target: a share of the targets died on their own, a share of the rest was
    /// killed, and a third of the killed targets fell apart and left no event (why % PI+ of targets
    /// under-reports killing and the count method exists). Counting beads are added per seeded target.
    /// </summary>
    private static KillingWellPlan KillingWell(CellKind target, double spontaneousPercent, double killedPercent, (CellKind Kind, CellState State, double PerTarget)[] effectors, double beadsPerTarget)
    {
        const double disintegrated = 1.0 / 3;
        var spontaneous = spontaneousPercent / 100;
        var killed = killedPercent / 100;
        var live = (1 - spontaneous) * (1 - killed);
        var dead = spontaneous + ((1 - spontaneous) * killed * (1 - disintegrated));
        var cells = new List<Subpopulation>
        {
            new(target, CellState.Viable, live, Traced: true),
            new(target, CellState.Dead, dead, Traced: true),
            new(CellKind.CountingBead, CellState.Viable, beadsPerTarget),
        };
        var effectorTotal = 0.0;
        foreach (var (kind, state, perTarget) in effectors)
        {
            cells.Add(new(kind, state, perTarget));
            effectorTotal += perTarget;
        }

        var deadPercent = 100 * dead / (live + dead);
        TruthValue[] truth =
        [
            .. Impurities(),
            new("percent_targets", 100 * (live + dead) / (live + dead + effectorTotal)),
            new("percent_dead_targets", deadPercent),
            new("live_targets_per_bead", live / beadsPerTarget),
        ];
        return new KillingWellPlan([.. cells], spontaneousPercent, deadPercent, live / beadsPerTarget, truth);
    }

    private static TruthValue[] Impurities() => [new("percent_debris", 6), new("percent_doublets", 3)];

    private static IEnumerable<TruthRow> DonorRows(string donor, string[] conditionValues, TruthValue[] truth)
    {
        foreach (var value in truth)
        {
            if (value.Quantity is not ("percent_debris" or "percent_doublets" or "live_targets_per_bead"))
            {
                yield return new TruthRow("donor", "", donor, conditionValues, value.Quantity, value.Value);
            }
        }
    }

    private static KeyValuePair<string, string>[] Conditions(params (string Column, string Value)[] pairs)
    {
        var result = new KeyValuePair<string, string>[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            result[i] = new(pairs[i].Column, pairs[i].Value);
        }

        return result;
    }

    private static string Replicate(int replicate) => replicate.ToString(CultureInfo.InvariantCulture);

    private static ExampleRandom DonorRandom(ExampleOptions options, int design, int donor) =>
        new(ExampleRandom.DeriveSeed(options.Seed, design, -1, donor));

    private static double Uniform1(ExampleRandom random, double low, double high) => TruthMath.Round(low + ((high - low) * random.NextDouble()), 1);

    private static double Uniform2(ExampleRandom random, double low, double high) => TruthMath.Round(low + ((high - low) * random.NextDouble()), 2);

    /// <summary>Numbers tubes the way FACSDiva names files (specimen_tube_NNN) and spaces their acquisition in time.</summary>
    private sealed class Acquisition(ExampleOptions options, int design)
    {
        private readonly Dictionary<string, int> _perSpecimen = [];
        private int _count;

        public TubePlan Tube(string donor, string tube, IReadOnlyList<KeyValuePair<string, string>> conditions, StainPanel panel, IReadOnlyList<Subpopulation> cells, int events, IReadOnlyList<TruthValue> truth)
        {
            _perSpecimen.TryGetValue(donor, out var number);
            number++;
            _perSpecimen[donor] = number;
            var fileName = donor + "_" + tube + "_" + number.ToString("000", CultureInfo.InvariantCulture) + ".fcs";
            var plan = new TubePlan(fileName, donor, tube, conditions, panel, cells, events, ExampleRandom.DeriveSeed(options.Seed, design, _count), truth)
            {
                Setup = options.Setup,
                StartSecond = (9 * 3600) + (75 * _count),
            };
            _count++;
            return plan;
        }
    }
}
