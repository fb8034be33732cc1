using System.Xml.Linq;

namespace CytoViability.Core.GatingMl;

/// <summary>The three Gating-ML 2.0 namespaces.</summary>
internal static class GatingMlNames
{
    public static readonly XNamespace GatingNs = "http://www.isac-net.org/std/Gating-ML/v2.0/gating";
    public static readonly XNamespace TransformsNs = "http://www.isac-net.org/std/Gating-ML/v2.0/transformations";
    public static readonly XNamespace DataTypeNs = "http://www.isac-net.org/std/Gating-ML/v2.0/datatypes";
}
