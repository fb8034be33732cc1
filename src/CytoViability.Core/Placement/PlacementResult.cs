using System.Globalization;

namespace CytoViability.Core.Placement;

/// <summary>
/// What a placement method decided: a position on the transformed axis, or no position and the reason in the lab's
/// words ("one mode only", "fewer than 200 events"), for the caller to fall back and write a QC row. The
/// diagnostics (events used, bandwidth, the modes found, the valley's depth ...) go to run.json and the report.
/// </summary>
internal sealed record PlacementResult(double? Position, string? Reason, IReadOnlyDictionary<string, double> Diagnostics)
{
    /// <summary>Whether the method found a position.</summary>
    public bool Succeeded => Position is not null;

    /// <summary>A position found.</summary>
    public static PlacementResult Found(double position, Dictionary<string, double> diagnostics)
        => new(position, null, diagnostics);

    /// <summary>No position, and why.</summary>
    public static PlacementResult Failed(string reason, Dictionary<string, double> diagnostics)
        => new(null, reason, diagnostics);

    /// <summary>The failure every method shares: too few events to say anything.</summary>
    internal static PlacementResult? TooFewEvents(long events, long minimum, Dictionary<string, double> diagnostics)
        => events < minimum
            ? Failed("fewer than " + minimum.ToString(CultureInfo.InvariantCulture) + " events (" + events.ToString(CultureInfo.InvariantCulture) + ")", diagnostics)
            : null;

    /// <summary>A transformed-axis position as the reasons print it.</summary>
    internal static string Axis(double position) => position.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A fraction as the reasons print it, in percent.</summary>
    internal static string Percent(double fraction) => (100 * fraction).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
