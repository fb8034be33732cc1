namespace CytoViability.Core.Fcs;

/// <summary>
/// Bytes <see cref="Begin"/> .. <see cref="End"/> of a file and what says they are what they are (HEADER, TEXT,
/// DATA). A class rather than a value tuple: lists of value tuples are compiled by the JIT at start-up, as
/// ReadyToRun code cannot hold the framework's generic code over them, and every run reads a file.
/// </summary>
internal sealed record FcsByteRange(long Begin, long End, string What);
