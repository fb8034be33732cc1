using System.Buffers.Binary;

namespace CytoViability.Core.Tests.Library;

/// <summary>
/// What is known about the Gating-ML 2.0 compliance file data1.fcs without our reader: event-by-event membership of
/// Range1 and Rectangle1 from the suite's truth files, and FL1-H decoded here by hand from the bytes (FCS 2.0, $DATATYPE I,
/// 8 parameters of 16 bits, $BYTEORD 4,3,2,1, DATA from byte 2560; $P3E 4,0 and $P3R 1024 give scale 10^(4·raw/1024)).
/// </summary>
internal static class Data1Truth
{
    private const int DataStart = 2560;
    private const int Parameters = 8;
    private const int Fl1Index = 2;

    public static string Fcs => Path.Combine(TestPaths.GatingMl2, "data1.fcs");

    public static string Template => Path.Combine(TestPaths.RepositoryRoot, "tests", "CytoViability.Core.Tests", "Library", "data1.yaml");

    public static bool[] Range1 => Membership("Results_Range1.txt");

    public static bool[] Rectangle1 => Membership("Results_Rectangle1.txt");

    /// <summary>Events in both gates: 'rectangle' nested under 'large' in data1.yaml.</summary>
    public static bool[] LargeAndRectangle
    {
        get
        {
            var range = Range1;
            var rectangle = Rectangle1;
            var both = new bool[range.Length];
            for (var i = 0; i < both.Length; i++)
            {
                both[i] = range[i] && rectangle[i];
            }

            return both;
        }
    }

    public static int Count(bool[] members) => members.Count(member => member);

    /// <summary>The arithmetic mean of FL1-H on its scale over the members.</summary>
    public static double MeanFl1(bool[] members)
    {
        var bytes = File.ReadAllBytes(Fcs);
        double sum = 0;
        var count = 0;
        for (var e = 0; e < members.Length; e++)
        {
            if (members[e])
            {
                var raw = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(DataStart + (((e * Parameters) + Fl1Index) * 2), 2));
                sum += Math.Pow(10, 4.0 * raw / 1024);
                count++;
            }
        }

        return sum / count;
    }

    private static bool[] Membership(string truthFile)
        => [.. File.ReadAllLines(Path.Combine(TestPaths.GatingMl2, "truth", truthFile)).Where(line => line.Length > 0).Select(line => line.Trim() == "1")];
}
