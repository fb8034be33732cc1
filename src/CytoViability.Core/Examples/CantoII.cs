namespace CytoViability.Core.Examples;

/// <summary>
/// A BD FACSCanto II, 3-laser 4-2-2 configuration, as the examples model it: the parameters FACSDiva 8 writes,
/// PMT voltages, and a spillover matrix of the size typical for these detectors (FITC into PE and PE into
/// PerCP-Cy5.5 are the large terms; the values are typical, not copied from a real instrument).
/// </summary>
internal static class CantoII
{
    public const double Range = 262144;

    /// <summary>The largest value FACSDiva writes (= $PnR − 1), where detectors saturate.</summary>
    public const float Saturation = 262143f;

    public const double TimeStep = 0.01;

    /// <summary>FSC-H below this is never recorded (DiVa THRESHOLD keyword "FSC,5000").</summary>
    public const double FscThreshold = 5000;

    public static readonly string[] ScatterNames = ["FSC-A", "FSC-H", "FSC-W", "SSC-A", "SSC-H", "SSC-W"];

    public static readonly string[] FluorescenceNames =
        ["FITC-A", "PE-A", "PerCP-Cy5-5-A", "PE-Cy7-A", "APC-A", "APC-Cy7-A", "V450-A", "V500-A"];

    public const int Fitc = 0;
    public const int Pe = 1;
    public const int PerCpCy55 = 2;
    public const int PeCy7 = 3;
    public const int Apc = 4;
    public const int ApcCy7 = 5;
    public const int V450 = 6;
    public const int V500 = 7;

    public const int FluorescenceCount = 8;

    /// <summary>Column of the first fluorescence parameter in the file; Time is last.</summary>
    public const int FirstFluorescenceColumn = 6;

    public const int TimeColumn = 14;

    public const int ParameterCount = 15;

    public static readonly double[] ScatterVoltages = [352, 352, 352, 495, 495, 495];

    public static readonly double[] FluorescenceVoltages = [482, 437, 561, 618, 579, 622, 411, 458];

    /// <summary>Rows: the spilling fluorochrome (its primary detector); columns: detectors, in FluorescenceNames order.</summary>
    public static readonly double[,] Spillover =
    {
        { 1.000, 0.215, 0.032, 0.004, 0.000, 0.000, 0.000, 0.012 },
        { 0.011, 1.000, 0.205, 0.028, 0.001, 0.000, 0.000, 0.004 },
        { 0.000, 0.003, 1.000, 0.235, 0.045, 0.014, 0.000, 0.000 },
        { 0.000, 0.018, 0.031, 1.000, 0.001, 0.034, 0.000, 0.000 },
        { 0.000, 0.000, 0.011, 0.002, 1.000, 0.087, 0.000, 0.000 },
        { 0.000, 0.001, 0.004, 0.061, 0.028, 1.000, 0.000, 0.000 },
        { 0.003, 0.000, 0.000, 0.000, 0.000, 0.000, 1.000, 0.262 },
        { 0.026, 0.009, 0.002, 0.000, 0.000, 0.000, 0.031, 1.000 },
    };

    /// <summary>Electronic noise left after baseline restoration (sd, detector units): why dim events go negative.</summary>
    public static readonly double[] BaselineNoise = [45, 40, 55, 50, 35, 40, 30, 35];

    /// <summary>Photon statistics: variance grows by this many units² per unit of signal.</summary>
    public const double PhotonNoisePerUnit = 20;

    /// <summary>
    /// The SPILL keyword as FACSDiva writes it: n, the -A names, then the matrix of the set-up row by row, each
    /// value in the shortest form that reads back as the same double.
    /// </summary>
    public static string SpillKeyword(AcquisitionSetup setup)
    {
        var spillover = setup.Spillover();
        var parts = new List<string> { FluorescenceCount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        parts.AddRange(FluorescenceNames);
        for (var row = 0; row < FluorescenceCount; row++)
        {
            for (var column = 0; column < FluorescenceCount; column++)
            {
                parts.Add(spillover[row, column].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return string.Join(',', parts);
    }
}
