using System.Globalization;
using CytoViability.Core.Csv;
using CytoViability.Core.Fcs;
using CytoViability.Core.Output;

namespace CytoViability.Core.Examples;

/// <summary>
/// Writes one example experiment folder: the FCS files as FACSDiva exports them, experiment.yaml and
/// samples.csv in the format of docs/templates.md, and truth.csv. Everything is staged and renamed into place
/// only when complete.
/// </summary>
internal static class ExampleFolderWriter
{
    public const string TruthFile = "truth.csv";
    public const string SampleSheet = "samples.csv";
    public const string ExperimentFile = "experiment.yaml";

    private static readonly FcsWriterOptions DivaLayout = new() { Version = "3.0", BigEndian = true, FacsDivaLayout = true };

    public static void Write(OutputFolder output, ExperimentPlan experiment, ExampleOptions options, Action<SimulatedTube>? onTube = null)
    {
        foreach (var plan in experiment.Tubes)
        {
            var tube = TubeSimulator.Simulate(plan);
            onTube?.Invoke(tube);
            var dataSet = DataSet(experiment, tube);
            output.Write(experiment.Folder + "/" + plan.FileName, stream => FcsWriter.Write(stream, dataSet, DivaLayout));
        }

        output.WriteText(experiment.Folder + "/" + ExperimentFile, writer => WriteExperimentYaml(writer, experiment, options));
        output.WriteText(experiment.Folder + "/" + SampleSheet, writer => WriteSampleSheet(writer, experiment));
        output.WriteText(experiment.Folder + "/" + TruthFile, writer => WriteTruth(writer, experiment));
    }

    internal static FcsWriteDataSet DataSet(ExperimentPlan experiment, SimulatedTube tube)
    {
        var setup = tube.Plan.Setup;
        var parameters = new List<FcsWriteParameter>(CantoII.ParameterCount);
        for (var s = 0; s < CantoII.ScatterNames.Length; s++)
        {
            var voltage = AcquisitionSetup.Voltage(CantoII.ScatterVoltages[s], setup.ScatterGain(s));
            parameters.Add(new FcsWriteParameter(CantoII.ScatterNames[s], null, CantoII.Range, 1.0, voltage));
        }

        for (var d = 0; d < CantoII.FluorescenceCount; d++)
        {
            var voltage = AcquisitionSetup.Voltage(CantoII.FluorescenceVoltages[d], setup.FluorescenceGains[d]);
            parameters.Add(new FcsWriteParameter(CantoII.FluorescenceNames[d], tube.Plan.Panel.StainOf(d), CantoII.Range, 1.0, voltage));
        }

        // FACSDiva gives Time a gain equal to $TIMESTEP (domain notes §1.6).
        parameters.Add(new FcsWriteParameter("Time", null, CantoII.Range, CantoII.TimeStep));
        return new FcsWriteDataSet(parameters, tube.Columns, FacsDivaKeywords.For(experiment, tube));
    }

    private static void WriteExperimentYaml(TextWriter writer, ExperimentPlan experiment, ExampleOptions options)
    {
        writer.WriteLine("# " + experiment.ExperimentName + ": example experiment written by `cytoviability example`");
        writer.WriteLine("# (seed " + options.Seed.ToString(CultureInfo.InvariantCulture) + ", "
            + options.Donors.ToString(CultureInfo.InvariantCulture) + " donors). truth.csv holds the values a run should recover.");
        if (!experiment.Setup.IsReference)
        {
            writer.WriteLine("# Acquired on another day after a cytometer re-set-up (" + experiment.Setup.Name + "), not the reference");
            writer.WriteLine("# set-up the shipped templates were drawn on. Gains (and $PnV) against the reference:");
            writer.WriteLine("#   " + experiment.Setup.Describe() + ".");
            writer.WriteLine("# SPILL is recomputed for these voltages (S'ij = Sij*gj/gi); gates at fixed data coordinates do not fit.");
            writer.WriteLine("# Percentages in truth.csv do not depend on the set-up; an MFI is in this day's detector units.");
        }

        writer.WriteLine("template: " + Path.GetFileNameWithoutExtension(experiment.Template));
        writer.WriteLine("samples: " + SampleSheet);
        var conditions = experiment.GroupingColumns.ToList();
        if (conditions.Count > 0)
        {
            writer.WriteLine("conditions: [" + string.Join(", ", conditions) + "]");
        }
    }

    private static void WriteSampleSheet(TextWriter writer, ExperimentPlan experiment)
    {
        using var csv = new CsvRowWriter(writer);
        var header = new List<string> { "file", "sample", "donor" };
        header.AddRange(experiment.ConditionColumns);
        csv.Row(header);
        foreach (var tube in experiment.Tubes)
        {
            csv.Text(tube.FileName);
            csv.Text(Path.GetFileNameWithoutExtension(tube.FileName));
            csv.Text(tube.Donor);
            foreach (var column in experiment.ConditionColumns)
            {
                csv.Text(tube.Condition(column));
            }

            csv.EndRow();
        }
    }

    private static void WriteTruth(TextWriter writer, ExperimentPlan experiment)
    {
        using var csv = new CsvRowWriter(writer);
        var header = new List<string> { "level", "file", "donor" };
        header.AddRange(experiment.ConditionColumns);
        header.Add("quantity");
        header.Add("value");
        csv.Row(header);
        foreach (var tube in experiment.Tubes)
        {
            var conditions = experiment.ConditionColumns.Select(tube.Condition).ToList();
            foreach (var value in tube.Truth)
            {
                WriteRow(csv, "file", tube.FileName, tube.Donor, conditions, value.Quantity, value.Value);
            }
        }

        var grouping = experiment.GroupingColumns.ToList();
        foreach (var row in experiment.DonorTruth)
        {
            WriteRow(csv, row.Level, row.File, row.Donor, Spread(experiment, grouping, row.ConditionValues), row.Quantity, row.Value);
        }

        foreach (var row in ExampleTruth.ConditionMeans(experiment))
        {
            WriteRow(csv, row.Level, row.File, row.Donor, Spread(experiment, grouping, row.ConditionValues), row.Quantity, row.Value);
        }
    }

    /// <summary>Places grouping-column values under their headers, leaving the replicate column empty.</summary>
    private static List<string> Spread(ExperimentPlan experiment, List<string> grouping, IReadOnlyList<string> values)
    {
        var cells = new List<string>(experiment.ConditionColumns.Count);
        foreach (var column in experiment.ConditionColumns)
        {
            var index = grouping.IndexOf(column);
            cells.Add(index < 0 ? string.Empty : values[index]);
        }

        return cells;
    }

    private static void WriteRow(CsvRowWriter csv, string level, string file, string donor, List<string> conditions, string quantity, double value)
    {
        csv.Text(level);
        csv.Text(file);
        csv.Text(donor);
        foreach (var condition in conditions)
        {
            csv.Text(condition);
        }

        csv.Text(quantity);
        csv.Number(value);
        csv.EndRow();
    }
}
