namespace CytoViability.Core.Files;

/// <summary>
/// The file that marks a folder as a CytoViability output folder (it holds the run id). A run replaces only folders
/// that carry it, and file discovery skips them, so the outputs of a run kept inside the experiment folder are never
/// read as its inputs.
/// </summary>
internal static class OutputMarker
{
    public const string FileName = ".cytoviability-output";
}
