namespace CytoViability.Core.Examples;

/// <summary>Which reagent sits in which fluorescence detector of a tube (index into CantoII.FluorescenceNames).</summary>
internal sealed record StainPanel(string Name, IReadOnlyList<(Dye Dye, int Detector)> Stains)
{
    public static StainPanel Viability { get; } = new("DiOC6/PI", [(Dye.DiOC6, CantoII.Fitc), (Dye.PI, CantoII.Pe)]);

    public static StainPanel Killing { get; } = new("DDAO/PI", [(Dye.DDAO, CantoII.Apc), (Dye.PI, CantoII.Pe)]);

    public static StainPanel Purity { get; } = new("CD5/CD19", [(Dye.CD5, CantoII.Fitc), (Dye.CD19, CantoII.Pe)]);

    /// <summary>CD40L-PE occupies PE, so PI moves to PerCP-Cy5.5 (domain notes §2.2).</summary>
    public static StainPanel Cd40l { get; } = new("CD40L/PI", [(Dye.CD40L, CantoII.Pe), (Dye.PI, CantoII.PerCpCy55)]);

    public bool Has(Dye dye)
    {
        foreach (var stain in Stains)
        {
            if (stain.Dye == dye)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The $PnS label of a detector in this tube, or null when nothing is stained there (DiVa then omits $PnS).</summary>
    public string? StainOf(int detector)
    {
        foreach (var stain in Stains)
        {
            if (stain.Detector == detector)
            {
                return stain.Dye.ToString();
            }
        }

        return null;
    }
}
