using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CytoViability.Core.Fcs;

/// <summary>
/// Turns event-major DATA bytes into one array per channel. Byte-aligned data can be decoded in slices of
/// whole events (a file is streamed through a small buffer); packed and ASCII data are decoded in one go.
/// </summary>
internal sealed class FcsEventDecoder
{
    /// <summary>Values swapped per block: small enough for L1, large enough to amortise the loop set-up.</summary>
    private const int BlockValues = 4096;

    private readonly FcsDataLayout _layout;
    private readonly float[][] _columns;
    private readonly double[]?[] _exact;

    public FcsEventDecoder(FcsDataLayout layout, int eventCount)
    {
        _layout = layout;
        var count = layout.ParameterCount;
        _columns = new float[count][];
        _exact = new double[]?[count];
        for (var c = 0; c < count; c++)
        {
            _columns[c] = SampleBuffers.Floats(eventCount);
            if (layout.NeedsExact(c))
            {
                _exact[c] = SampleBuffers.Doubles(eventCount);
            }
        }
    }

    public float[][] Columns => _columns;

    public double[]?[] ExactColumns => _exact;

    /// <summary>Decodes <paramref name="eventCount"/> whole events of byte-aligned I/F/D data.</summary>
    public void DecodeAligned(ReadOnlySpan<byte> data, int firstEvent, int eventCount)
    {
        var layout = _layout;
        var swap = layout.BigEndian == BitConverter.IsLittleEndian;
        if (layout.IsUniform && layout.ByteSignificance is null)
        {
            switch (layout.Bits[0])
            {
                case 32:
                    DecodeUniform32(data, firstEvent, eventCount, swap);
                    return;
                case 16:
                    DecodeUniform16(data, firstEvent, eventCount, swap);
                    return;
                case 8:
                    DecodeUniform8(data, firstEvent, eventCount);
                    return;
            }
        }

        DecodeGeneric(data, firstEvent, eventCount);
    }

    /// <summary>
    /// The hot path (FACSDiva float32, 32-bit integers). Float data with eight or more channels goes through the
    /// AVX2 transpose; what is left (other data, the last few events, machines without AVX2) is read in blocks
    /// small enough to stay in L1, channel by channel with a stride, byte-swapped in the register and written to
    /// that channel's array sequentially.
    /// </summary>
    private void DecodeUniform32(ReadOnlySpan<byte> data, int firstEvent, int eventCount, bool swap)
    {
        var parameters = _layout.ParameterCount;
        var eventsPerBlock = Math.Max(1, BlockValues / parameters);
        var isFloat = _layout.DataType == 'F';
        var words = MemoryMarshal.Cast<byte, uint>(data[..(eventCount * parameters * 4)]);
        ref var source = ref MemoryMarshal.GetReference(words);
        var vectorised = isFloat ? Float32Transpose.Decode(words, parameters, _columns, firstEvent, eventCount, swap) : 0;
        for (var done = vectorised; done < eventCount; done += eventsPerBlock)
        {
            var n = Math.Min(eventsPerBlock, eventCount - done);
            ref var block = ref Unsafe.Add(ref source, done * parameters);
            for (var c = 0; c < parameters; c++)
            {
                ref var word = ref Unsafe.Add(ref block, c);
                if (isFloat)
                {
                    ref var target = ref MemoryMarshal.GetArrayDataReference(_columns[c]);
                    target = ref Unsafe.Add(ref target, firstEvent + done);
                    if (swap)
                    {
                        for (int i = 0, k = 0; i < n; i++, k += parameters)
                        {
                            Unsafe.Add(ref target, i) = BitConverter.UInt32BitsToSingle(BinaryPrimitives.ReverseEndianness(Unsafe.Add(ref word, k)));
                        }
                    }
                    else
                    {
                        for (int i = 0, k = 0; i < n; i++, k += parameters)
                        {
                            Unsafe.Add(ref target, i) = BitConverter.UInt32BitsToSingle(Unsafe.Add(ref word, k));
                        }
                    }
                }
                else
                {
                    var mask = (uint)_layout.Masks[c];
                    var column = _columns[c].AsSpan(firstEvent + done, n);
                    var exactArray = _exact[c];
                    var exact = exactArray is null ? default : exactArray.AsSpan(firstEvent + done, n);
                    for (var i = 0; i < column.Length; i++)
                    {
                        var raw = Unsafe.Add(ref word, i * parameters);
                        var value = (swap ? BinaryPrimitives.ReverseEndianness(raw) : raw) & mask;
                        column[i] = value;
                        if (!exact.IsEmpty)
                        {
                            exact[i] = value;
                        }
                    }
                }
            }
        }
    }

    private void DecodeUniform16(ReadOnlySpan<byte> data, int firstEvent, int eventCount, bool swap)
    {
        var parameters = _layout.ParameterCount;
        var eventsPerBlock = Math.Max(1, BlockValues / parameters);
        Span<ushort> buffer = swap ? new ushort[eventsPerBlock * parameters] : default;
        for (var done = 0; done < eventCount; done += eventsPerBlock)
        {
            var n = Math.Min(eventsPerBlock, eventCount - done);
            var raw = MemoryMarshal.Cast<byte, ushort>(data.Slice(done * parameters * 2, n * parameters * 2));
            ReadOnlySpan<ushort> words = raw;
            if (swap)
            {
                var target = buffer[..raw.Length];
                BinaryPrimitives.ReverseEndianness(raw, target);
                words = target;
            }

            for (var c = 0; c < parameters; c++)
            {
                var column = _columns[c].AsSpan(firstEvent + done, n);
                var mask = (ushort)_layout.Masks[c];
                for (var i = 0; i < column.Length; i++)
                {
                    column[i] = (ushort)(words[(i * parameters) + c] & mask);
                }
            }
        }
    }

    private void DecodeUniform8(ReadOnlySpan<byte> data, int firstEvent, int eventCount)
    {
        var parameters = _layout.ParameterCount;
        for (var c = 0; c < parameters; c++)
        {
            var column = _columns[c].AsSpan(firstEvent, eventCount);
            var mask = (byte)_layout.Masks[c];
            for (var i = 0; i < column.Length; i++)
            {
                column[i] = (byte)(data[(i * parameters) + c] & mask);
            }
        }
    }

    /// <summary>Any mix of byte-aligned widths (24-bit, 8/16/32 side by side) and any byte order.</summary>
    private void DecodeGeneric(ReadOnlySpan<byte> data, int firstEvent, int eventCount)
    {
        var layout = _layout;
        var bits = layout.Bits;
        var parameters = layout.ParameterCount;
        var position = 0;
        for (var e = 0; e < eventCount; e++)
        {
            var row = firstEvent + e;
            for (var c = 0; c < parameters; c++)
            {
                var width = bits[c] / 8;
                var raw = ReadWord(data.Slice(position, width));
                position += width;
                Store(c, row, raw);
            }
        }
    }

    private ulong ReadWord(ReadOnlySpan<byte> bytes)
    {
        ulong raw = 0;
        var significance = _layout.ByteSignificance;
        if (significance is not null && significance.Length == bytes.Length)
        {
            for (var k = 0; k < bytes.Length; k++)
            {
                raw |= (ulong)bytes[k] << (8 * significance[k]);
            }
        }
        else if (_layout.BigEndian)
        {
            foreach (var b in bytes)
            {
                raw = (raw << 8) | b;
            }
        }
        else
        {
            for (var k = bytes.Length - 1; k >= 0; k--)
            {
                raw = (raw << 8) | bytes[k];
            }
        }

        return raw;
    }

    private void Store(int channel, int row, ulong raw)
    {
        switch (_layout.DataType)
        {
            case 'F':
                _columns[channel][row] = BitConverter.UInt32BitsToSingle((uint)raw);
                break;
            case 'D':
                var d = BitConverter.UInt64BitsToDouble(raw);
                _columns[channel][row] = (float)d;
                _exact[channel]![row] = d;
                break;
            default:
                var value = raw & _layout.Masks[channel];
                _columns[channel][row] = value;
                var exact = _exact[channel];
                if (exact is not null)
                {
                    exact[row] = value;
                }

                break;
        }
    }

    /// <summary>
    /// Integers of widths that are not whole bytes, packed back to back as one bit stream. Big-endian files
    /// put the most significant bit first; little-endian files fill each byte from its least significant bit.
    /// </summary>
    public void DecodePacked(ReadOnlySpan<byte> data, int eventCount)
    {
        var bits = _layout.Bits;
        long bitPosition = 0;
        var bigEndian = _layout.BigEndian;
        for (var e = 0; e < eventCount; e++)
        {
            for (var c = 0; c < bits.Length; c++)
            {
                ulong raw = 0;
                var width = bits[c];
                if (bigEndian)
                {
                    for (var k = 0; k < width; k++, bitPosition++)
                    {
                        var bit = (data[(int)(bitPosition >> 3)] >> (7 - (int)(bitPosition & 7))) & 1;
                        raw = (raw << 1) | (uint)bit;
                    }
                }
                else
                {
                    for (var k = 0; k < width; k++, bitPosition++)
                    {
                        var bit = (data[(int)(bitPosition >> 3)] >> (int)(bitPosition & 7)) & 1;
                        raw |= (ulong)bit << k;
                    }
                }

                Store(c, e, raw);
            }
        }
    }

    /// <summary>
    /// ASCII data: fixed-width fields of $PnB characters, or (all $PnB "*") numbers separated by blanks,
    /// tabs, commas, CR or LF. Returns false with the offending byte when a field is not a number.
    /// </summary>
    public bool DecodeAscii(ReadOnlySpan<byte> data, int eventCount, out int badPosition)
    {
        var parameters = _layout.ParameterCount;
        var position = 0;
        for (var e = 0; e < eventCount; e++)
        {
            for (var c = 0; c < parameters; c++)
            {
                ReadOnlySpan<byte> field;
                if (_layout.IsDelimitedAscii)
                {
                    while (position < data.Length && IsAsciiSeparator(data[position]))
                    {
                        position++;
                    }

                    var start = position;
                    while (position < data.Length && !IsAsciiSeparator(data[position]))
                    {
                        position++;
                    }

                    field = data[start..position];
                    badPosition = start;
                }
                else
                {
                    var width = _layout.Bits[c] / 8;
                    field = data.Slice(position, width);
                    badPosition = position;
                    position += width;
                }

                if (!double.TryParse(field.Trim((byte)' '), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    return false;
                }

                _columns[c][e] = (float)value;
                _exact[c]![e] = value;
            }
        }

        badPosition = -1;
        return true;
    }

    /// <summary>Counts the numbers in delimited ASCII data (decides the event count when $TOT is missing).</summary>
    public static long CountAsciiValues(ReadOnlySpan<byte> data)
    {
        long count = 0;
        var inValue = false;
        foreach (var b in data)
        {
            var separator = IsAsciiSeparator(b);
            if (!separator && !inValue)
            {
                count++;
            }

            inValue = !separator;
        }

        return count;
    }

    private static bool IsAsciiSeparator(byte b) => b is (byte)' ' or (byte)'\t' or (byte)',' or (byte)'\r' or (byte)'\n';
}
