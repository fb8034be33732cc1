using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CytoViability.Core.Fcs;
using CytoViability.Core.Statistics;

namespace CytoViability.Cli.Commands;

/// <summary>
/// `cytoviability inspect FILE [--json] [--stats]`: every data set's version, segments, keywords, parameters,
/// event count, spillover and reader warnings; --stats adds per-channel min, max and mean of the finite raw values and
/// how many values were NaN or ±∞. JSON has no NaN: non-finite numbers are written as strings ("NaN", "Infinity").
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "the FCS file to describe" };
        var json = new Option<bool>("--json") { Description = "write JSON instead of text" };
        var stats = new Option<bool>("--stats") { Description = "add per-channel min, max and mean (decodes every event)" };
        var command = new Command("inspect", "Show the header, keywords, parameters, event count and spillover of every data set of an FCS file.")
        {
            file,
            json,
            stats,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(file)!,
            parseResult.GetValue(json),
            parseResult.GetValue(stats),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string path, bool json, bool stats, TextWriter output, TextWriter error)
    {
        FcsFile file;
        var scans = stats ? new EventSliceScans() : null;
        try
        {
            // --stats streams DATA through the channel scans slice by slice: the columns are never held whole.
            file = FcsReader.ReadFile(path, new FcsReadOptions { KeywordsOnly = !stats, EventSlices = scans });
        }
        catch (FcsFormatException exception)
        {
            error.WriteLine("error: " + exception.Message);
            return ExitCodes.NothingProcessed;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + path + ": " + exception.Message);
            return ExitCodes.NothingProcessed;
        }

        if (json)
        {
            WriteJson(file, scans, output);
        }
        else
        {
            WriteText(file, scans, output);
        }

        return ExitCodes.Success;
    }

    private static void WriteText(FcsFile file, EventSliceScans? scans, TextWriter output)
    {
        output.WriteLine($"file: {file.Source}");
        output.WriteLine($"data sets: {file.DataSets.Count}");
        for (var i = 0; i < file.DataSets.Count; i++)
        {
            var d = file.DataSets[i];
            output.WriteLine();
            output.WriteLine($"data set {i}: FCS{d.Version}");
            output.WriteLine($"  events: {d.EventCount}  parameters: {d.Parameters.Count}  $DATATYPE: {d.DataType}  $BYTEORD: {d.Keywords["$BYTEORD"] ?? "-"}");
            var o = d.Offsets;
            output.WriteLine($"  segments: data set at byte {o.DataSetStart}, TEXT {o.TextBegin}–{o.TextEnd}, DATA {o.DataBegin}–{o.DataEnd}");
            output.WriteLine("  parameters:");
            var header = "    n\t$PnN\t$PnS\t$PnR\t$PnB\t$PnE\t$PnG\t$PnV" + (scans is not null ? "\tmin\tmax\tmean\tnon-finite" : string.Empty);
            output.WriteLine(header);
            for (var p = 0; p < d.Parameters.Count; p++)
            {
                var parameter = d.Parameters[p];
                var line = new StringBuilder();
                line.Append("    ").Append(parameter.Number).Append('\t').Append(parameter.Name).Append('\t').Append(parameter.Stain ?? "-")
                    .Append('\t').Append(Number(parameter.Range)).Append('\t').Append(parameter.Bits == 0 ? "*" : parameter.Bits.ToString(CultureInfo.InvariantCulture))
                    .Append('\t').Append(Number(parameter.LogDecades)).Append(',').Append(Number(parameter.LogOffset))
                    .Append('\t').Append(parameter.Gain is { } g ? Number(g) : "-").Append('\t').Append(parameter.Voltage is { } v ? Number(v) : "-");
                if (scans is not null)
                {
                    var (min, max, mean, nonFinite) = Summary(scans, i, p);
                    line.Append('\t').Append(Number(min)).Append('\t').Append(Number(max)).Append('\t').Append(Number(mean))
                        .Append('\t').Append(nonFinite.ToString(CultureInfo.InvariantCulture));
                }

                output.WriteLine(line.ToString());
            }

            WriteSpilloverText(d, output);
            if (d.Warnings.Count > 0)
            {
                output.WriteLine("  warnings:");
                foreach (var warning in d.Warnings)
                {
                    output.WriteLine("    - " + warning);
                }
            }

            if (d.Notes.Count > 0)
            {
                output.WriteLine("  notes:");
                foreach (var note in d.Notes)
                {
                    output.WriteLine("    - " + note);
                }
            }

            output.WriteLine($"  keywords ({d.Keywords.Count}):");
            foreach (var pair in d.Keywords)
            {
                output.WriteLine($"    {pair.Key} = {pair.Value}");
            }
        }
    }

    private static void WriteSpilloverText(FcsDataSet d, TextWriter output)
    {
        if (d.HasUnreadableSpillover)
        {
            try
            {
                _ = d.Spillover;
            }
            catch (FcsFormatException exception)
            {
                output.WriteLine("  spillover: unreadable — " + exception.Problem);
            }

            return;
        }

        var spillover = d.Spillover;
        if (spillover is null)
        {
            output.WriteLine("  spillover: none");
            return;
        }

        output.WriteLine($"  spillover: {spillover.Size}×{spillover.Size}{(spillover.IsIdentity ? " (identity: compensating changes nothing)" : string.Empty)}");
        output.WriteLine("    \t" + string.Join('\t', spillover.Channels));
        for (var r = 0; r < spillover.Size; r++)
        {
            var row = new StringBuilder("    ").Append(spillover.Channels[r]);
            for (var c = 0; c < spillover.Size; c++)
            {
                row.Append('\t').Append(Number(spillover[r, c]));
            }

            output.WriteLine(row.ToString());
        }
    }

    /// <summary>
    /// Streams the JSON to <paramref name="output"/> in pieces of about 64 KB, so a file with a huge TEXT segment
    /// costs its keywords once in memory, not again as a whole JSON document, its bytes and its string.
    /// </summary>
    private static void WriteJson(FcsFile file, EventSliceScans? scans, TextWriter output)
    {
        using var sink = new TextWriterStream(output);
        using (var json = new Utf8JsonWriter(sink, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", file.Source);
            json.WriteStartArray("dataSets");
            for (var i = 0; i < file.DataSets.Count; i++)
            {
                WriteDataSetJson(json, file.DataSets[i], i, scans);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine();
    }

    private static void FlushWhenLarge(Utf8JsonWriter json)
    {
        if (json.BytesPending > 1 << 16)
        {
            json.Flush();
        }
    }

    private static void WriteDataSetJson(Utf8JsonWriter json, FcsDataSet d, int index, EventSliceScans? scans)
    {
        json.WriteStartObject();
        json.WriteNumber("index", index);
        json.WriteString("version", d.Version);
        json.WriteNumber("eventCount", d.EventCount);
        json.WriteString("dataType", d.DataType.ToString());
        json.WriteStartObject("segments");
        json.WriteNumber("dataSetStart", d.Offsets.DataSetStart);
        json.WriteNumber("textBegin", d.Offsets.TextBegin);
        json.WriteNumber("textEnd", d.Offsets.TextEnd);
        json.WriteNumber("dataBegin", d.Offsets.DataBegin);
        json.WriteNumber("dataEnd", d.Offsets.DataEnd);
        json.WriteEndObject();
        json.WriteStartArray("parameters");
        for (var p = 0; p < d.Parameters.Count; p++)
        {
            var parameter = d.Parameters[p];
            json.WriteStartObject();
            json.WriteNumber("number", parameter.Number);
            json.WriteString("name", parameter.Name);
            WriteStringOrNull(json, "stain", parameter.Stain);
            WriteNumber(json, "range", parameter.Range);
            json.WriteNumber("bits", parameter.Bits);
            WriteNumber(json, "logDecades", parameter.LogDecades);
            WriteNumber(json, "logOffset", parameter.LogOffset);
            WriteNumberOrNull(json, "gain", parameter.Gain);
            WriteNumberOrNull(json, "voltage", parameter.Voltage);
            if (scans is not null)
            {
                var (min, max, mean, nonFinite) = Summary(scans, index, p);
                WriteNumber(json, "min", min);
                WriteNumber(json, "max", max);
                WriteNumber(json, "mean", mean);
                json.WriteNumber("nonFinite", nonFinite);
            }

            json.WriteEndObject();
            FlushWhenLarge(json);
        }

        json.WriteEndArray();
        WriteSpilloverJson(json, d);
        json.WriteStartArray("warnings");
        foreach (var warning in d.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (var note in d.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteStartArray("keywords");
        foreach (var pair in d.Keywords)
        {
            json.WriteStartObject();
            json.WriteString("key", pair.Key);
            json.WriteString("value", pair.Value);
            json.WriteEndObject();
            FlushWhenLarge(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSpilloverJson(Utf8JsonWriter json, FcsDataSet d)
    {
        if (d.HasUnreadableSpillover)
        {
            json.WriteNull("spillover");
            try
            {
                _ = d.Spillover;
            }
            catch (FcsFormatException exception)
            {
                json.WriteString("spilloverError", exception.Problem);
            }

            return;
        }

        var spillover = d.Spillover;
        if (spillover is null)
        {
            json.WriteNull("spillover");
            return;
        }

        json.WriteStartObject("spillover");
        json.WriteStartArray("channels");
        foreach (var channel in spillover.Channels)
        {
            json.WriteStringValue(channel);
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        for (var r = 0; r < spillover.Size; r++)
        {
            json.WriteStartArray();
            for (var c = 0; c < spillover.Size; c++)
            {
                WriteNumberValue(json, spillover[r, c]);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Min, max and mean over the finite values (NaN when there are none), and how many values were NaN or ±∞.</summary>
    private static (double Min, double Max, double Mean, int NonFinite) Summary(EventSliceScans scans, int dataSet, int parameter)
    {
        var extent = scans.Extent(dataSet, parameter);
        return (extent.Minimum, extent.Maximum, extent.Mean, (int)extent.NonFiniteCount);
    }

    /// <summary>JSON has no NaN or infinity: such values are written as the strings "NaN", "Infinity", "-Infinity".</summary>
    private static void WriteNumberValue(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(Number(value));
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteString(name, Number(value));
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            WriteNumber(json, name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
