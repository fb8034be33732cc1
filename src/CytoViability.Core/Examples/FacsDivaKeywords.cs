using System.Globalization;

namespace CytoViability.Core.Examples;

/// <summary>The acquisition keywords FACSDiva 8.0.1 writes for a FACSCanto II tube (domain notes §1.3), in its order.</summary>
internal static class FacsDivaKeywords
{
    public static List<KeyValuePair<string, string>> For(ExperimentPlan experiment, SimulatedTube tube)
    {
        var plan = tube.Plan;
        var end = plan.StartSecond + (int)Math.Ceiling(tube.DurationSeconds);
        var keywords = new List<KeyValuePair<string, string>>
        {
            new("$FIL", plan.FileName),
            new("$SYS", "Windows 7 6.1"),
            new("CREATOR", "BD FACSDiva Software Version 8.0.1"),
            new("TUBE NAME", plan.TubeName),
            new("$SRC", plan.Donor),
            new("EXPERIMENT NAME", experiment.ExperimentName),
            new("GUID", Guid(plan.Seed)),
            new("$DATE", experiment.Date),
            new("$BTIM", ClockTime(plan.StartSecond)),
            new("$ETIM", ClockTime(end)),
            new("$CYT", "FACSCanto II"),
            new("SETTINGS", "Cytometer"),
            new("CYTNUM", "V96300999"),
            new("WINDOW EXTENSION", "7.00"),
            new("EXPORT USER NAME", "cytoviability-example"),
            new("$OP", "cytoviability-example"),
            new("FSC ASF", "0.78"),
            new("AUTOBS", "TRUE"),
            new("$INST", "CytoViability example lab"),
            new("LASER1NAME", "Blue"),
            new("LASER1DELAY", "0.00"),
            new("LASER1ASF", "1.18"),
            new("LASER2NAME", "Red"),
            new("LASER2DELAY", "31.02"),
            new("LASER2ASF", "1.09"),
            new("LASER3NAME", "Violet"),
            new("LASER3DELAY", "-29.61"),
            new("LASER3ASF", "1.02"),
            new("$TIMESTEP", CantoII.TimeStep.ToString("0.00", CultureInfo.InvariantCulture)),
            new("SPILL", CantoII.SpillKeyword(plan.Setup)),
            new("APPLY COMPENSATION", "TRUE"),
            new("THRESHOLD", "FSC," + Math.Round(CantoII.FscThreshold * plan.Setup.FscGain, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)),
        };

        for (var p = 0; p < CantoII.ParameterCount; p++)
        {
            var number = (p + 1).ToString(CultureInfo.InvariantCulture);
            if (p != CantoII.TimeColumn && p != 2 && p != 5)
            {
                keywords.Add(new("P" + number + "DISPLAY", p < CantoII.FirstFluorescenceColumn ? "LIN" : "LOG"));
            }
        }

        keywords.Add(new("CST SETUP STATUS", "SUCCESS"));
        keywords.Add(new("CYTOMETER CONFIG NAME", "FACSCanto II 3-laser 8-color (4-2-2)"));
        keywords.Add(new("CST BEADS EXPIRED", "False"));
        return keywords;
    }

    private static string ClockTime(int secondOfDay)
    {
        var seconds = secondOfDay % 86400;
        return (seconds / 3600).ToString("00", CultureInfo.InvariantCulture) + ":"
            + (seconds / 60 % 60).ToString("00", CultureInfo.InvariantCulture) + ":"
            + (seconds % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>A GUID derived from the tube's seed, so that regenerated files are identical.</summary>
    private static string Guid(ulong seed)
    {
        var random = new ExampleRandom(seed ^ 0x5A5A5A5A5A5A5A5AUL);
        var hex = random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture) + random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture);
        return hex[..8] + "-" + hex[8..12] + "-" + hex[12..16] + "-" + hex[16..20] + "-" + hex[20..32];
    }
}
