using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CytoViability.Core.Fcs;

/// <summary>
/// De-interleaves float32 events eight at a time with AVX2: eight events × eight channels are loaded as eight
/// vectors, byte-swapped with one shuffle each, transposed in registers and stored as eight runs of eight values,
/// one per channel. The scalar strided loop costs several instructions per value; this costs about one, which is
/// what lets decoding run near memory speed. Files with more than eight channels are covered by groups of eight
/// starting every eight channels, the last group ending at the last channel (channels in the overlap are written
/// twice with the same values).
/// </summary>
internal static class Float32Transpose
{
    /// <summary>Events per step: one 256-bit vector of float32 values per channel.</summary>
    public const int EventsPerStep = 8;

    public static bool IsSupported(int parameters) => Avx2.IsSupported && parameters >= EventsPerStep;

    /// <summary>
    /// Decodes the largest multiple of <see cref="EventsPerStep"/> events of <paramref name="words"/> and returns
    /// how many; the caller decodes the rest.
    /// </summary>
    public static int Decode(ReadOnlySpan<uint> words, int parameters, float[][] columns, int firstEvent, int eventCount, bool swap)
    {
        var steps = eventCount / EventsPerStep;
        if (steps == 0 || !IsSupported(parameters))
        {
            return 0;
        }

        if (words.Length < eventCount * parameters || columns.Length != parameters)
        {
            throw new ArgumentException("The DATA words do not cover the events asked for.", nameof(words));
        }

        foreach (var column in columns)
        {
            if (column.Length < firstEvent + eventCount)
            {
                throw new ArgumentException("A channel array is shorter than the events asked for.", nameof(columns));
            }
        }

        var byteSwap = Vector256.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
        ref var source = ref Unsafe.As<uint, float>(ref MemoryMarshal.GetReference(words));
        for (var step = 0; step < steps; step++)
        {
            var e = step * EventsPerStep;
            ref var rows = ref Unsafe.Add(ref source, e * parameters);
            for (var group = 0; group < parameters; group += EventsPerStep)
            {
                var first = Math.Min(group, parameters - EventsPerStep);
                ref var start = ref Unsafe.Add(ref rows, first);
                var r0 = Load(ref start, 0, parameters, swap, byteSwap);
                var r1 = Load(ref start, 1, parameters, swap, byteSwap);
                var r2 = Load(ref start, 2, parameters, swap, byteSwap);
                var r3 = Load(ref start, 3, parameters, swap, byteSwap);
                var r4 = Load(ref start, 4, parameters, swap, byteSwap);
                var r5 = Load(ref start, 5, parameters, swap, byteSwap);
                var r6 = Load(ref start, 6, parameters, swap, byteSwap);
                var r7 = Load(ref start, 7, parameters, swap, byteSwap);

                var t0 = Avx.UnpackLow(r0, r1);
                var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3);
                var t3 = Avx.UnpackHigh(r2, r3);
                var t4 = Avx.UnpackLow(r4, r5);
                var t5 = Avx.UnpackHigh(r4, r5);
                var t6 = Avx.UnpackLow(r6, r7);
                var t7 = Avx.UnpackHigh(r6, r7);

                var u0 = Avx.Shuffle(t0, t2, 0x44);
                var u1 = Avx.Shuffle(t0, t2, 0xEE);
                var u2 = Avx.Shuffle(t1, t3, 0x44);
                var u3 = Avx.Shuffle(t1, t3, 0xEE);
                var u4 = Avx.Shuffle(t4, t6, 0x44);
                var u5 = Avx.Shuffle(t4, t6, 0xEE);
                var u6 = Avx.Shuffle(t5, t7, 0x44);
                var u7 = Avx.Shuffle(t5, t7, 0xEE);

                var at = firstEvent + e;
                Store(columns[first], at, Avx.Permute2x128(u0, u4, 0x20));
                Store(columns[first + 1], at, Avx.Permute2x128(u1, u5, 0x20));
                Store(columns[first + 2], at, Avx.Permute2x128(u2, u6, 0x20));
                Store(columns[first + 3], at, Avx.Permute2x128(u3, u7, 0x20));
                Store(columns[first + 4], at, Avx.Permute2x128(u0, u4, 0x31));
                Store(columns[first + 5], at, Avx.Permute2x128(u1, u5, 0x31));
                Store(columns[first + 6], at, Avx.Permute2x128(u2, u6, 0x31));
                Store(columns[first + 7], at, Avx.Permute2x128(u3, u7, 0x31));
            }
        }

        return steps * EventsPerStep;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float start, int row, int parameters, bool swap, Vector256<byte> byteSwap)
    {
        var vector = Vector256.LoadUnsafe(ref start, (nuint)(row * parameters));
        return swap ? Avx2.Shuffle(vector.AsByte(), byteSwap).AsSingle() : vector;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float[] column, int at, Vector256<float> values) =>
        values.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)at);
}
