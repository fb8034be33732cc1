namespace CytoViability.Core.Templates;

/// <summary>
/// How percent killing is computed from % dead targets x in a condition and c in its matched control
/// (DESIGN.md): difference x − c; specific (x − c)/(100 − c)·100; relative (x − c)/c·100; count
/// 100·(1 − L/Lc) on live targets per fixed volume or per counting bead.
/// </summary>
internal enum KillingMethod
{
    Difference,
    Specific,
    Relative,
    Count,
}
