using System.CommandLine;
using System.Globalization;
using System.Text;
using CytoViability.Cli.Logging;
using CytoViability.Core.Compensation;
using CytoViability.Core.Fcs;
using Serilog;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability export FILE --out CSV [--dataset N] [--compensate] [--scale raw|channel]`: the events of one
/// data set as CSV (header of $PnN names, one event per row, invariant culture). Values round-trip: float32
/// data is printed so that parsing it as float32 gives the same bits; everything else prints the shortest text
/// that parses back to the same float64.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "the FCS file to export" };
        var output = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var dataSet = new Option<int>("--dataset") { Description = "data set of the file, 0-based (default 0)", DefaultValueFactory = _ => 0 };
        var compensate = new Option<bool>("--compensate") { Description = "compensate with the file's own spillover ($SPILLOVER/SPILL)" };
        var scale = new Option<string>("--scale") { Description = "raw: decoded values; channel: FCS scale values ($PnE log decoding, $PnG gain)", DefaultValueFactory = _ => "raw" };
        scale.AcceptOnlyFromAmong("raw", "channel");
        var command = new Command("export", "Write the events of one data set of an FCS file as CSV.")
        {
            file,
            output,
            dataSet,
            compensate,
            scale,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(file)!,
            parseResult.GetValue(output)!,
            parseResult.GetValue(dataSet),
            parseResult.GetValue(compensate),
            parseResult.GetValue(scale) == "channel",
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string path, string csvPath, int dataSetIndex, bool compensate, bool channelScale, TextWriter output, TextWriter error)
    {
        FcsDataSet dataSet;
        double[][]? values;
        try
        {
            var file = FcsReader.ReadFile(path);
            if (dataSetIndex < 0 || dataSetIndex >= file.DataSets.Count)
            {
                error.WriteLine($"error: {path} has {file.DataSets.Count} data set(s) (0–{file.DataSets.Count - 1}); --dataset {dataSetIndex} does not exist");
                return ExitCodes.UsageOrConfiguration;
            }

            dataSet = file.DataSets[dataSetIndex];
            var log = CliLogging.Create(error);
            foreach (var warning in dataSet.Warnings)
            {
                log.Warning("{File}: {Warning}", path, warning);
            }

            values = channelScale || compensate || dataSet.DataType != 'F' ? Values(dataSet, channelScale) : null;
            if (compensate)
            {
                var spillover = dataSet.Spillover;
                if (spillover is null)
                {
                    error.WriteLine($"error: {path}: data set {dataSetIndex} has no spillover keyword ($SPILLOVER, SPILL); --compensate needs one");
                    return ExitCodes.UsageOrConfiguration;
                }

                Compensate(dataSet, spillover, values!, path, log);
            }
        }
        catch (Exception exception) when (exception is CytoViabilityException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + exception.Message);
            return ExitCodes.NothingProcessed;
        }

        try
        {
            WriteCsv(csvPath, dataSet, values);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write {csvPath}: {exception.Message}");
            return ExitCodes.UsageOrConfiguration;
        }

        output.WriteLine($"{csvPath}: {dataSet.EventCount} events × {dataSet.Parameters.Count} channels");
        return ExitCodes.Success;
    }

    private static double[][] Values(FcsDataSet dataSet, bool channelScale)
    {
        var values = new double[dataSet.Parameters.Count][];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = channelScale ? dataSet.ScaleColumn(c) : dataSet.ExactColumn(c);
        }

        return values;
    }

    /// <summary>
    /// Observed detector values are d = c·S (rows of S = the spilling channel, columns = detectors), so the
    /// compensated values are c = d·S⁻¹, applied to the spillover's channels in place, by the unmixing `run` uses
    /// (<see cref="CompensationTerms"/>). The matrix's channels are put on the file's detectors as `run` does
    /// (<see cref="FileSpilloverChannels"/>): stain names carried by one $PnS each are mapped, with a warning;
    /// anything else is refused naming the file.
    /// </summary>
    private static void Compensate(FcsDataSet dataSet, SpilloverMatrix spillover, double[][] values, string path, ILogger log)
    {
        try
        {
            var matrix = FileSpilloverChannels.Map(spillover, dataSet.Parameters, out var mapped, out var problem)
                ?? throw new CompensationException($"{path}: {problem}");
            if (mapped.Count > 0)
            {
                log.Warning("{File}: the spillover matrix names its channels by stain ($PnS) or parameter number, not $PnN; mapped: {Mapped:l}", path, string.Join(", ", mapped));
            }

            // Map puts every channel of the matrix on a $PnN of the file, so each detector is found.
            var columns = new int[matrix.Detectors.Count];
            var detectors = new double[columns.Length][];
            for (var d = 0; d < columns.Length; d++)
            {
                columns[d] = dataSet.FindParameter(matrix.Detectors[d]);
                detectors[d] = values[columns[d]];
            }

            var compensated = CompensationTerms.UnmixAll(matrix, detectors);
            for (var f = 0; f < compensated.Length; f++)
            {
                values[columns[f]] = compensated[f];
            }
        }
        catch (CompensationException exception) when (!exception.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new CompensationException($"{path}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Writes to a temporary file beside the target and renames it, so a failed export leaves nothing half-written.
    /// The temporary's name holds the writer's process id: an export killed mid-write leaves one behind, and the next
    /// export to the same file removes every such leftover whose process is gone.
    /// </summary>
    private static void WriteCsv(string csvPath, FcsDataSet dataSet, double[][]? values)
    {
        var full = Path.GetFullPath(csvPath);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        RemoveLeftovers(directory, Path.GetFileName(full));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 16))
            {
                WriteRows(writer, dataSet, values);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void RemoveLeftovers(string directory, string name)
    {
        var prefix = "." + name + ".";
        foreach (var leftover in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
        {
            var middle = Path.GetFileName(leftover)[prefix.Length..^".tmp".Length];
            var dash = middle.IndexOf('-', StringComparison.Ordinal);

            // Names without a process id come from versions before it was added; their writers are long gone.
            if (dash > 0 && int.TryParse(middle[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsRunning(pid))
            {
                continue;
            }

            try
            {
                File.Delete(leftover);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Removed by a later export.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void WriteRows(StreamWriter writer, FcsDataSet dataSet, double[][]? values)
    {
        var count = dataSet.Parameters.Count;
        for (var c = 0; c < count; c++)
        {
            if (c > 0)
            {
                writer.Write(',');
            }

            writer.Write(CsvField(dataSet.Parameters[c].Name));
        }

        writer.Write('\n');
        var floats = values is null ? Enumerable.Range(0, count).Select(dataSet.Column).ToArray() : null;
        Span<char> number = stackalloc char[32];
        for (var e = 0; e < dataSet.EventCount; e++)
        {
            for (var c = 0; c < count; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                int written;
                if (floats is not null)
                {
                    floats[c][e].TryFormat(number, out written, "R", CultureInfo.InvariantCulture);
                }
                else
                {
                    values![c][e].TryFormat(number, out written, "R", CultureInfo.InvariantCulture);
                }

                writer.Write(number[..written]);
            }

            writer.Write('\n');
        }
    }

    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
