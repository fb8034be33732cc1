namespace CytoViability.Core.Hashing;

/// <summary>An input's sha256 with the size and last-write time (UTC) of the file hashed, read from the open file before its bytes.</summary>
internal sealed record InputHash(string Sha256, long Bytes, DateTime ModifiedUtc)
{
    /// <summary>
    /// The sha256 of the file just opened when its size and last-write time are still those hashed: it is then read
    /// without being hashed again. Null otherwise: the reader hashes it as it reads.
    /// </summary>
    public string? Unchanged(FileStream opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return opened.Length == Bytes && File.GetLastWriteTimeUtc(opened.SafeFileHandle) == ModifiedUtc ? Sha256 : null;
    }
}
