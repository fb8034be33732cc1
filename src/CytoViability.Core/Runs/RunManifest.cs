using System.Globalization;
using System.Text.Json;
using CytoViability.Core.GatePositions;

namespace CytoViability.Core.Runs;

/// <summary>
/// run.json: tool version, template and its sha256, the sample sheet, every input with its sha256, size, events
/// and status, counts, and stage timings. Inputs are listed in path order, so only the times differ between runs.
/// </summary>
internal sealed record RunManifest(
    string ToolVersion,
    DateTimeOffset Started,
    RunSetup Setup,
    IReadOnlyList<SampleOutcome> Outcomes,
    int Threads,
    string RunId,
    RunStatus Status,
    int Processed,
    int Failed,
    (int Pass, int Warn, int Fail) Qc,
    RunPlacement Placement,
    RunTimings Timings)
{
    /// <summary>What `--max-memory` decided; null (and no "memory" object in run.json) when it was not given.</summary>
    public MemoryBudget? Memory { get; init; }

    public void Write(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("tool", "cytoviability");
        json.WriteString("version", ToolVersion);
        json.WriteString("run_id", RunId);
        json.WriteString("started_utc", Started.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        json.WriteString("status", Status switch
        {
            RunStatus.Success => "success",
            RunStatus.SomeInputsFailed => "some_inputs_failed",
            RunStatus.QcFailed => "qc_failed",
            _ => "nothing_processed",
        });
        json.WriteNumber("exit_code", Status switch
        {
            RunStatus.Success => 0,
            RunStatus.SomeInputsFailed => 2,
            RunStatus.QcFailed => 4,
            _ => 3,
        });
        json.WriteString("folder", Setup.Folder);
        json.WriteString("output", Setup.OutputFolder);
        json.WriteNumber("threads", Threads);
        if (Memory is { LimitBytes: { } limit } memory)
        {
            json.WriteStartObject("memory");
            json.WriteNumber("max_memory_bytes", limit);
            json.WriteNumber("bound_bytes", memory.BoundBytes);
            json.WriteBoolean("lowered", memory.Lowered);
            json.WriteEndObject();
        }

        json.WriteStartObject("template");
        json.WriteString("path", Setup.Template.SourcePath);
        json.WriteString("name", Setup.Template.Name);
        json.WriteString("sha256", Setup.Template.Sha256);
        json.WriteEndObject();

        if (Setup.Sheet is { } sheet)
        {
            json.WriteStartObject("sample_sheet");
            json.WriteString("path", sheet.Path);
            json.WriteString("sha256", Setup.SheetSha256);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("sample_sheet");
        }

        if (Setup.ConditionOrder.Count > 0)
        {
            json.WriteStartObject("condition_order");
            foreach (var (column, values) in Setup.ConditionOrder)
            {
                json.WriteStartArray(column);
                foreach (var value in values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteStartObject("counts");
        json.WriteNumber("files", Outcomes.Count + Setup.Plan.Failures.Count);
        json.WriteNumber("processed", Processed);
        json.WriteNumber("failed", Failed);
        json.WriteNumber("qc_pass", Qc.Pass);
        json.WriteNumber("qc_warn", Qc.Warn);
        json.WriteNumber("qc_fail", Qc.Fail);
        long events = 0;
        foreach (var outcome in Outcomes)
        {
            events += outcome.Events;
        }

        json.WriteNumber("events", events);
        json.WriteEndObject();

        PlacementManifest.Write(json, Placement);

        json.WriteStartObject("timings_ms");
        json.WriteNumber("plan", Math.Round(Timings.Plan, 1));
        json.WriteNumber("process", Math.Round(Timings.Process, 1));
        json.WriteNumber("assays", Math.Round(Timings.Assays, 1));
        json.WriteNumber("total_before_writing", Math.Round(Timings.Total, 1));
        json.WriteEndObject();

        json.WriteStartArray("inputs");
        foreach (var outcome in Outcomes)
        {
            json.WriteStartObject();
            json.WriteString("file", outcome.File);
            if (outcome.Sha256 is null)
            {
                json.WriteNull("sha256");
            }
            else
            {
                json.WriteString("sha256", outcome.Sha256);
            }

            json.WriteNumber("bytes", outcome.Bytes);
            json.WriteNumber("events", outcome.Events);
            json.WriteString("status", outcome.Result is null ? "failed" : "processed");
            json.WriteNumber("ms", Math.Round(outcome.Milliseconds, 1));
            json.WriteEndObject();
        }

        foreach (var failure in Setup.Plan.Failures)
        {
            json.WriteStartObject();
            json.WriteString("file", failure.File);
            json.WriteNull("sha256");
            json.WriteString("status", "refused");
            json.WriteString("reason", failure.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
