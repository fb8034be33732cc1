using CytoViability.Core.Assays;
using CytoViability.Core.Experiments;
using CytoViability.Core.GatePositions;
using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Runs;

/// <summary>
/// Joins the per-file outcomes into the output tables: samples sorted by name then file, fail rows for every file
/// that could not be used, and the assays of Assays/ (viability, purity, killing, MFI fold) with their summaries.
/// </summary>
internal sealed class RunTables
{
    private readonly List<PopulationRow> _populations = [];
    private readonly List<MfiRow> _mfi = [];
    private readonly List<SummaryRow> _summary = [];
    private readonly List<KillingRow> _killing = [];
    private readonly List<MfiFoldRow> _folds = [];
    private readonly List<QcRow> _qc = [];
    private readonly List<GateRow> _gates = [];
    private readonly IReadOnlyList<string> _metadataColumns;
    private readonly IReadOnlyList<string> _conditionColumns;
    private readonly int[] _conditionIndexes;

    private RunTables(ExperimentPlan plan)
    {
        _metadataColumns = [SampleSheet.DonorColumn, SampleSheet.ReplicateColumn, .. plan.Columns];
        _conditionColumns = plan.ConditionColumns;
        _conditionIndexes = new int[plan.ConditionColumns.Count];
        for (var i = 0; i < _conditionIndexes.Length; i++)
        {
            _conditionIndexes[i] = IndexOf(plan.Columns, plan.ConditionColumns[i]);
        }
    }

    private static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException("condition column '" + column + "' is not a metadata column", nameof(column));
    }

    public int ProcessedSamples { get; private set; }

    public int FailedFiles { get; private set; }

    /// <summary>Fail rows of the assays (a condition without its control or reference): the run's exit code is 2.</summary>
    public int AssayFailures { get; private set; }

    /// <summary>qc.csv rows by status: pass, warn, fail.</summary>
    public (int Pass, int Warn, int Fail) QcCounts
    {
        get
        {
            int pass = 0, warn = 0, fail = 0;
            foreach (var row in _qc)
            {
                switch (row.Status)
                {
                    case QcStatus.Pass:
                        pass++;
                        break;
                    case QcStatus.Warn:
                        warn++;
                        break;
                    default:
                        fail++;
                        break;
                }
            }

            return (pass, warn, fail);
        }
    }

    public static RunTables Build(RunSetup setup, IReadOnlyList<SampleOutcome> outcomes)
    {
        var tables = new RunTables(setup.Plan);
        foreach (var failure in setup.Plan.Failures)
        {
            tables._qc.Add(new QcRow(string.Empty, failure.File, failure.Check, null, null, QcStatus.Fail, failure.Message));
            tables.FailedFiles++;
        }

        var results = new List<SampleResult>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Result is { } result)
            {
                results.Add(result);
            }
        }

        results.Sort(static (a, b) =>
        {
            var bySample = string.CompareOrdinal(a.Metadata.Sample, b.Metadata.Sample);
            return bySample != 0 ? bySample : string.CompareOrdinal(a.Metadata.File, b.Metadata.File);
        });

        var failuresByFile = new List<SampleOutcome>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Result is null)
            {
                failuresByFile.Add(outcome);
            }
        }

        foreach (var outcome in failuresByFile)
        {
            tables._qc.AddRange(outcome.Failures);
            tables.FailedFiles++;
        }

        var used = new List<SampleResult>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (names.TryGetValue(result.Metadata.Sample, out var firstFile))
            {
                tables._qc.Add(QcEvaluator.MissingMetadata(result.Metadata.Sample, result.Metadata.File, "sample name '" + result.Metadata.Sample + "' is already used by " + firstFile + "; give the files distinct sample names"));
                tables.FailedFiles++;
                continue;
            }

            names[result.Metadata.Sample] = result.Metadata.File;
            used.Add(result);
        }

        tables.ProcessedSamples = used.Count;
        foreach (var result in used)
        {
            tables._populations.AddRange(result.Populations);
            tables._mfi.AddRange(result.Mfi);
            tables._qc.AddRange(result.Qc);
            tables._gates.AddRange(result.Gates);
        }

        tables._qc.AddRange(PlacementQc.MedianOutliers(used.Select(result => (result.Metadata, result.Medians))));

        tables.AddAssays(setup.Compiled, used);
        return tables;
    }

    /// <summary>
    /// "gate positions: 45 computed, 9 fallback (see qc.csv gate_placement), 3 override; 12 placement warnings" for the
    /// console, or null when every coordinate was the template's fixed number and no placement check warned.
    /// </summary>
    public string? GatePositionSummary()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in _gates)
        {
            if (row.Status != "fixed")
            {
                counts[row.Status] = counts.GetValueOrDefault(row.Status) + 1;
            }
        }

        var warnings = 0;
        foreach (var row in _qc)
        {
            if (row.Status != QcStatus.Pass && row.Check is QcChecks.GatePlacement or QcChecks.GateSpread or QcChecks.BoundaryDensity or QcChecks.PopulationMedian)
            {
                warnings++;
            }
        }

        if (counts.Count == 0 && warnings == 0)
        {
            return null;
        }

        var parts = counts.Select(c => c.Value + " " + c.Key + (c.Key == "fallback" ? " (see qc.csv gate_placement)" : string.Empty));
        return "gate positions (gates.csv): " + (counts.Count == 0 ? "all fixed" : string.Join(", ", parts)) + "; " + warnings + " gate-placement QC warnings";
    }

    public void Write(OutputGeneration output)
    {
        output.WriteText("populations.csv", writer => ResultTables.WritePopulations(writer, _metadataColumns, _populations));
        output.WriteText("populations_wide.csv", writer => ResultTables.WritePopulationsWide(writer, _metadataColumns, _populations, _mfi));
        output.WriteText("mfi.csv", writer => ResultTables.WriteMfi(writer, _mfi));
        output.WriteText("summary.csv", writer => ResultTables.WriteSummary(writer, _conditionColumns, _summary));
        output.WriteText("killing.csv", writer => ResultTables.WriteKilling(writer, _conditionColumns, _killing));
        output.WriteText("mfi_fold.csv", writer => ResultTables.WriteMfiFold(writer, _conditionColumns, _folds));
        output.WriteText("qc.csv", writer => ResultTables.WriteQc(writer, _qc));
        output.WriteText("gates.csv", writer => ResultTables.WriteGates(writer, _gates));
    }

    /// <summary>The sample's values of the condition columns, in their order.</summary>
    private string[] ConditionsOf(SampleMetadata metadata)
    {
        var values = new string[_conditionIndexes.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = metadata.Values[_conditionIndexes[i]];
        }

        return values;
    }

    private void AddAssays(CompiledTemplate compiled, List<SampleResult> results)
    {
        var template = compiled.Template;
        var evaluator = new QcEvaluator(compiled.QcOptions);
        var reference = template.Reference.Count > 0 ? Selector(template.Reference) : null;
        var problems = new List<AssayProblem>();

        if (template.Assays.Viability is { } viability)
        {
            var analysis = PercentAssay.Analyse(PercentAssay.Viability, _conditionColumns, PopulationWells(results, viability.Population, viability.Of), reference);
            AddPercent(PercentAssay.Viability, analysis, evaluator, problems);
        }

        if (template.Assays.Purity is { } purity)
        {
            var analysis = PercentAssay.Analyse(PercentAssay.Purity, _conditionColumns, PopulationWells(results, purity.Population, purity.Of), reference);
            foreach (var well in analysis.Wells)
            {
                _qc.Add(evaluator.Purity(well.Sample, well.File, well.Value));
            }

            AddPercent(PercentAssay.Purity, analysis, evaluator, problems);
        }

        if (template.Assays.Killing is { } killing)
        {
            var wells = new List<TargetWell>(results.Count);
            foreach (var result in results)
            {
                var targets = result.Counts[killing.Of];
                var live = double.NaN;
                if (killing.Method == KillingMethod.Count)
                {
                    var per = result.Counts[killing.Per!];
                    live = per == 0 ? double.NaN : (double)result.Counts[killing.Live!] / per;
                }

                wells.Add(new TargetWell(result.Metadata.Sample, result.Metadata.File, result.Metadata.Donor, ConditionsOf(result.Metadata), targets, result.Counts[killing.Dead], live));
            }

            var control = Selector(killing.Control);
            var analysis = KillingAssay.Analyse(_conditionColumns, wells, new KillingOptions(killing.Method, control, MaximumControlPercentDead: template.Qc.ControlDeadPercent));
            _killing.AddRange(analysis.Rows);
            problems.AddRange(analysis.Problems);
            _qc.AddRange(AssayQc.Replicates(evaluator.Options, "percent_dead", analysis.PercentDead));
            AddSummary(ConditionSummaries.Summarise("percent_dead", _conditionColumns, analysis.PercentDead, reference), problems);
            AddSummary(ConditionSummaries.Summarise("percent_killing", _conditionColumns, analysis.PercentKilling, reference ?? control), problems);
        }

        if (template.Assays.MfiFold is { } fold)
        {
            var wells = new List<WellValue>(results.Count);
            foreach (var result in results)
            {
                wells.Add(new WellValue(result.Metadata.Sample, result.Metadata.File, result.Metadata.Donor, ConditionsOf(result.Metadata), result.FoldStatistic));
            }

            var foldReference = Selector(fold.Reference);
            var analysis = MfiFold.Analyse(_conditionColumns, wells, foldReference);
            _folds.AddRange(analysis.Rows);
            problems.AddRange(analysis.Problems);
            AddSummary(ConditionSummaries.Summarise("mfi", _conditionColumns, Replicates.Average(wells), reference ?? foldReference), problems);
            AddSummary(ConditionSummaries.Summarise("log2_fold", _conditionColumns, analysis.Log2Fold, reference ?? foldReference), problems);
        }

        foreach (var row in AssayQc.Problems(problems))
        {
            _qc.Add(row);
            if (row.Status == QcStatus.Fail)
            {
                AssayFailures++;
            }
        }
    }

    private void AddPercent(string metric, PercentAnalysis analysis, QcEvaluator evaluator, List<AssayProblem> problems)
    {
        _qc.AddRange(AssayQc.Replicates(evaluator.Options, metric, analysis.DonorValues));
        AddSummary(analysis.Summary, problems);
    }

    private void AddSummary(SummaryAnalysis analysis, List<AssayProblem> problems)
    {
        _summary.AddRange(analysis.Rows);
        problems.AddRange(analysis.Problems);
    }

    private List<PopulationWell> PopulationWells(List<SampleResult> results, string population, string of)
    {
        var wells = new List<PopulationWell>(results.Count);
        foreach (var result in results)
        {
            wells.Add(new PopulationWell(result.Metadata.Sample, result.Metadata.File, result.Metadata.Donor, ConditionsOf(result.Metadata), result.Counts[population], result.Counts[of]));
        }

        return wells;
    }

    private static ConditionSelector Selector(IReadOnlyList<ConditionValue> values)
    {
        var pairs = new List<KeyValuePair<string, string>>(values.Count);
        foreach (var value in values)
        {
            pairs.Add(new(value.Column, value.Value));
        }

        return new ConditionSelector(pairs);
    }
}
