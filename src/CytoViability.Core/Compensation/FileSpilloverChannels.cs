using System.Globalization;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Compensation;

/// <summary>
/// Puts a file's own spillover (SPILL, $SPILLOVER) on the file's detectors. Each channel the keyword names must be a
/// $PnN of the file; failing that, a parameter number ("3" = $P3, as Gallios and Accuri write), or the $PnS label of
/// exactly one parameter (some exports write the stain, "DiOC6", instead of the detector); such names are mapped to
/// that parameter's $PnN and reported. A name that is
/// neither, or that is the label of several parameters, makes the matrix unusable: compensating with it would leave
/// the data silently uncompensated.
/// </summary>
internal static class FileSpilloverChannels
{
    /// <summary>The matrix on $PnN names, or why it cannot be used; <paramref name="mapped"/> lists the "name → $PnN" mappings made.</summary>
    public static CompensationMatrix? Map(SpilloverMatrix spillover, IReadOnlyList<FcsParameter> parameters, out IReadOnlyList<string> mapped, out string? problem)
    {
        var channels = new string[spillover.Size];
        var byLabel = new List<string>();
        var unknown = new List<string>();
        var ambiguous = new List<string>();
        for (var i = 0; i < channels.Length; i++)
        {
            var name = spillover.Channels[i].Trim();
            var byName = Matching(parameters, name, p => p.Name);
            if (byName.Count > 0)
            {
                channels[i] = byName[0].Name;
                continue;
            }

            // Beckman Coulter (Gallios) and BD Accuri name the matrix's channels by parameter number ("3" = $P3),
            // as flowCore reads them.
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= parameters.Count)
            {
                channels[i] = parameters[number - 1].Name;
                byLabel.Add(name + " → " + channels[i] + " ($P" + number.ToString(CultureInfo.InvariantCulture) + ")");
                continue;
            }

            var labelled = Matching(parameters, name, p => p.Stain);
            if (labelled.Count == 1)
            {
                channels[i] = labelled[0].Name;
                byLabel.Add(name + " → " + labelled[0].Name);
            }
            else if (labelled.Count > 1)
            {
                ambiguous.Add(name + " (label of " + string.Join(", ", labelled.Select(p => p.Name)) + ")");
            }
            else
            {
                unknown.Add(name);
            }
        }

        mapped = byLabel;
        var twice = channels.Where(c => c is not null).GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (unknown.Count > 0 || ambiguous.Count > 0 || twice.Count > 0)
        {
            var reasons = new List<string>();
            if (unknown.Count > 0)
            {
                reasons.Add("names " + string.Join(", ", unknown) + ", which " + (unknown.Count == 1 ? "is" : "are") + " neither a $PnN nor a $PnS label of the file");
            }

            if (ambiguous.Count > 0)
            {
                reasons.Add("names " + string.Join(", ", ambiguous) + ", which cannot be told apart");
            }

            if (twice.Count > 0)
            {
                reasons.Add("puts two of its channels on " + string.Join(", ", twice));
            }

            problem = "the file's spillover matrix " + string.Join("; it ", reasons) + ", so the file cannot be compensated as the template asks (compensation: file)";
            return null;
        }

        problem = null;
        var values = new double[spillover.Size, spillover.Size];
        for (var row = 0; row < spillover.Size; row++)
        {
            for (var column = 0; column < spillover.Size; column++)
            {
                values[row, column] = spillover[row, column];
            }
        }

        return CompensationMatrix.Square("FCS", channels, values);
    }

    private static List<FcsParameter> Matching(IReadOnlyList<FcsParameter> parameters, string wanted, Func<FcsParameter, string?> field)
    {
        var found = new List<FcsParameter>();
        foreach (var parameter in parameters)
        {
            if (ParameterLookup.Matches(field(parameter), wanted))
            {
                found.Add(parameter);
            }
        }

        return found;
    }
}
