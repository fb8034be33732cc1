using System.Text.Json;

namespace CytoViability.Reports.Html;

/// <summary>
/// What the report shows from run.json: labelled facts (tool, template, files, counts) and the list of inputs. Fields
/// that are absent are left out, so a run.json from an older or newer version still gives a summary. What differs
/// between two runs of the same experiment (run id, start time, timings, threads, output folder) stays in run.json
/// alone: the report's files are the same bytes for the same inputs and options.
/// </summary>
internal sealed record RunSummary(IReadOnlyList<KeyValuePair<string, string>> Facts, IReadOnlyList<RunInput> Inputs, string? TemplatePath, string? TemplateName, string? SampleSheetPath)
{
    /// <summary>The template's sha256 as run.json recorded it; part of plots/gate-plots.bin's key.</summary>
    public string? TemplateSha256 { get; init; }

    /// <summary>experiment.yaml's `order:` as run.json's condition_order recorded it: per condition column, its values in design order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ConditionOrder { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public static RunSummary Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var facts = new List<KeyValuePair<string, string>>();
        void Fact(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                facts.Add(new(label, value));
            }
        }

        Fact("Tool", Join(Text(root, "tool"), Text(root, "version")));
        Fact("Status", Join(Text(root, "status"), Text(root, "exit_code") is { } code ? "(exit code " + code + ")" : null));
        Fact("Experiment folder", Text(root, "folder"));
        var template = Child(root, "template");
        var templatePath = Text(template, "path");
        var templateName = Text(template, "name");
        Fact("Template", templateName);
        Fact("Template file", templatePath);
        Fact("Template sha256", Text(template, "sha256"));
        var sheetPath = Text(Child(root, "sample_sheet"), "path");
        Fact("Sample sheet", sheetPath);
        var counts = Child(root, "counts");
        Fact("Files", Join(Text(counts, "files"), Text(counts, "processed") is { } processed ? "(" + processed + " processed, " + (Text(counts, "failed") ?? "?") + " failed)" : null));
        Fact("Events", Text(counts, "events"));
        Fact("QC rows", Text(counts, "qc_fail") is { } fail ? fail + " fail, " + Text(counts, "qc_warn") + " warn, " + Text(counts, "qc_pass") + " pass" : null);
        var inputs = new List<RunInput>();
        if (Child(root, "inputs") is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var input in list.EnumerateArray())
            {
                inputs.Add(new RunInput(Text(input, "file") ?? string.Empty, Text(input, "status") ?? string.Empty, Text(input, "events"), Text(input, "sha256"), Text(input, "reason")));
            }
        }

        var order = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (Child(root, "condition_order") is { ValueKind: JsonValueKind.Object } stated)
        {
            foreach (var column in stated.EnumerateObject())
            {
                if (column.Value.ValueKind == JsonValueKind.Array)
                {
                    order[column.Name] = [.. column.Value.EnumerateArray().Where(value => value.ValueKind == JsonValueKind.String).Select(value => value.GetString()!)];
                }
            }
        }

        return new RunSummary(facts, inputs, templatePath, templateName, sheetPath) { TemplateSha256 = Text(template, "sha256"), ConditionOrder = order };
    }

    private static JsonElement? Child(JsonElement? element, string name)
        => element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var child) ? child : null;

    private static string? Text(JsonElement? element, string name) => Child(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
        _ => null,
    };

    private static string? Join(string? first, string? second)
        => first is null ? second : second is null ? first : first + " " + second;
}
