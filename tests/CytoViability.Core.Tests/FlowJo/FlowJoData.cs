namespace CytoViability.Core.Tests.FlowJo;

/// <summary>The FlowJo workspaces copied into tests/data/flowjo (origin and licences in its README.md).</summary>
internal static class FlowJoData
{
    public static string Folder(string name) => Path.Combine(TestPaths.RepositoryRoot, "tests", "data", "flowjo", name);

    public static string Workspace(string folder, string file) => Path.Combine(Folder(folder), file);

    public const string Line = "whitews__FlowKit__simple_line_example";
    public const string Diamond = "whitews__FlowKit__simple_diamond_example";
    public const string FacsPy = "rgb-lab__FACSPy__test_suite";
    public const string A2004 = "RGLab__flowWorkspaceData__A2004Analysis";
    public const string FlowPy = "whitews__flowpy__20171218_Workspace";

    public static TheoryData<string, string> Every => new()
    {
        { Line, "simple_poly_and_rect.wsp" },
        { Line, "simple_poly_and_rect_v2_poly50.wsp" },
        { Line, "single_ellipse_51_events.wsp" },
        { Diamond, "simple_diamond_example_quad_gate.wsp" },
        { Diamond, "test_data_diamond_asinh_rect.wsp" },
        { Diamond, "test_data_diamond_biex_rect.wsp" },
        { FacsPy, "test_suite.wsp" },
        { A2004, "A2004Analysis.xml" },
        { FlowPy, "20171218 Workspace.xml" },
    };

    public static string TemporaryFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cv-flowjo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
