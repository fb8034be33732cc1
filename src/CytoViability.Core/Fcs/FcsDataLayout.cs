namespace CytoViability.Core.Fcs;

/// <summary>How one event is laid out in DATA: type, per-parameter widths, byte order and integer masks.</summary>
internal sealed class FcsDataLayout
{
    public FcsDataLayout(char dataType, int[] bits, ulong[] masks, bool bigEndian, int[]? byteSignificance)
    {
        DataType = dataType;
        Bits = bits;
        Masks = masks;
        BigEndian = bigEndian;
        ByteSignificance = byteSignificance;
        long total = 0;
        var packed = false;
        var uniform = true;
        foreach (var b in bits)
        {
            total += b;
            packed |= b % 8 != 0;
            uniform &= b == bits[0];
        }

        EventBits = total;
        IsPacked = dataType == 'I' && packed;
        IsUniform = uniform;
        IsDelimitedAscii = dataType == 'A' && Array.IndexOf(bits, 0) >= 0;
    }

    public char DataType { get; }

    public int ParameterCount => Bits.Length;

    /// <summary>$PnB per parameter; 0 marks delimited ASCII ("*").</summary>
    public int[] Bits { get; }

    /// <summary>Integer masks: the low bits up to the next power of two of $PnR.</summary>
    public ulong[] Masks { get; }

    public bool BigEndian { get; }

    /// <summary>For byte orders that are neither ascending nor descending ($BYTEORD 3,4,1,2): the significance of each file byte.</summary>
    public int[]? ByteSignificance { get; }

    public long EventBits { get; }

    /// <summary>Integer widths that are not whole bytes (FCS 2.0 packed data, e.g. 10 or 12 bits).</summary>
    public bool IsPacked { get; }

    public bool IsUniform { get; }

    public bool IsDelimitedAscii { get; }

    /// <summary>Bytes one event occupies (byte-aligned layouts only).</summary>
    public int EventBytes => (int)(EventBits / 8);

    /// <summary>Bytes DATA must hold for <paramref name="events"/> events; -1 when it depends on the content (delimited ASCII).</summary>
    public long BytesFor(long events)
    {
        if (IsDelimitedAscii)
        {
            return -1;
        }

        var bits = (UInt128)(ulong)events * (ulong)EventBits;
        var bytes = (bits + 7) / 8;
        return bytes > long.MaxValue ? long.MaxValue : (long)bytes;
    }

    /// <summary>Whether parameter <paramref name="index"/> needs a float64 copy to stay exact.</summary>
    public bool NeedsExact(int index) =>
        DataType == 'D' || (DataType == 'I' && Masks[index] > 0xFF_FFFF) || DataType == 'A';
}
