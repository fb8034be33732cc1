using System.Reflection;
using System.Text;
using PublicApiGenerator;

namespace CytoViability.Tests;

/// <summary>
/// The public-API snapshot: an assembly's public surface, printed by PublicApiGenerator, must equal the checked-in
/// <c>NAME.approved.txt</c> beside the test. A difference fails with the lines added and removed, and the new surface
/// is written as <c>NAME.received.txt</c>; copy it over the approved file when the change is meant.
/// </summary>
internal static class ApprovedPublicApi
{
    public static void Check(Assembly assembly, string approvedPath)
    {
        var received = Normalise(assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = true }));
        var approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : string.Empty;
        var receivedPath = Path.ChangeExtension(Path.ChangeExtension(approvedPath, null), ".received.txt");
        if (received == approved)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail("The public API of " + assembly.GetName().Name + " differs from " + Path.GetFileName(approvedPath)
            + " (- approved, + now; the whole surface is in " + Path.GetFileName(receivedPath) + "):\n" + Diff(approved, received));
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    /// <summary>The lines only in one text, in order, from a longest common subsequence of the two.</summary>
    private static string Diff(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var diff = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] >= common[x + 1, y]))
            {
                diff.Append("+ ").Append(b[y++]).Append('\n');
            }
            else
            {
                diff.Append("- ").Append(a[x++]).Append('\n');
            }
        }

        return diff.ToString();
    }
}
