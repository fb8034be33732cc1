using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CytoViability.Core.Hashing;

/// <summary>
/// Sixteen sha256 computations side by side, one in each 32-bit lane of AVX-512 vectors (FIPS 180-4's compression
/// function, unchanged; the lanes never mix). The CPU's SHA instructions work one message at a time and each round
/// waits for the last, about 1.7 GB/s here; sixteen independent messages keep the vector units busy instead, about
/// 2.9 GB/s on the same core (docs/performance.md, session 16). <see cref="InputHashes"/> gives each lane a file.
/// </summary>
internal static class Sha256Lanes
{
    public const int Count = 16;

    public const int BlockBytes = 64;

    /// <summary>Rotates, three-way logic and a byte shuffle are single AVX-512 instructions; without them the lanes lose to the SHA instructions.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Avx512BW.IsSupported;

    private static ReadOnlySpan<uint> Initial =>
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    private static ReadOnlySpan<uint> K =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>Starts a new message in <paramref name="lane"/> of the eight state vectors; the other lanes go on.</summary>
    public static void Start(Span<Vector512<uint>> state, int lane)
    {
        for (var i = 0; i < 8; i++)
        {
            state[i] = state[i].WithElement(lane, Initial[i]);
        }
    }

    /// <summary>The 32-byte digest of the message in <paramref name="lane"/>, once its padded last block is compressed.</summary>
    public static void Digest(ReadOnlySpan<Vector512<uint>> state, int lane, Span<byte> digest)
    {
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * i)..], state[i].GetElement(lane));
        }
    }

    /// <summary>
    /// Compresses <paramref name="blocks"/> consecutive 64-byte blocks of every lane: lane l's start at
    /// <paramref name="buffer"/>[<paramref name="starts"/>[l]].
    /// </summary>
    public static void Compress(Span<Vector512<uint>> state, ReadOnlySpan<byte> buffer, ReadOnlySpan<int> starts, int blocks)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("sha256 in lanes needs AVX-512 (F and BW)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(state.Length, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(starts.Length, Count);
        for (var lane = 0; lane < Count; lane++)
        {
            // The loads below are unchecked; every one of them is inside the buffer by this.
            if (starts[lane] < 0 || (long)starts[lane] + ((long)blocks * BlockBytes) > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(starts), "lane " + lane + "'s blocks run past the buffer");
            }
        }

        ref var bytes = ref MemoryMarshal.GetReference(buffer);
        var a = state[0];
        var b = state[1];
        var c = state[2];
        var d = state[3];
        var e = state[4];
        var f = state[5];
        var g = state[6];
        var h = state[7];
        for (var block = 0; block < blocks; block++)
        {
            var offset = block * BlockBytes;
            var (w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15) = Words(ref bytes, starts, offset);
            var (a0, b0, c0, d0, e0, f0, g0, h0) = (a, b, c, d, e, f, g, h);
            for (var t = 0; t < 64; t += 16)
            {
                if (t > 0)
                {
                    // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], over a ring of sixteen.
                    w0 += SmallSigma1(w14) + w9 + SmallSigma0(w1);
                    w1 += SmallSigma1(w15) + w10 + SmallSigma0(w2);
                    w2 += SmallSigma1(w0) + w11 + SmallSigma0(w3);
                    w3 += SmallSigma1(w1) + w12 + SmallSigma0(w4);
                    w4 += SmallSigma1(w2) + w13 + SmallSigma0(w5);
                    w5 += SmallSigma1(w3) + w14 + SmallSigma0(w6);
                    w6 += SmallSigma1(w4) + w15 + SmallSigma0(w7);
                    w7 += SmallSigma1(w5) + w0 + SmallSigma0(w8);
                    w8 += SmallSigma1(w6) + w1 + SmallSigma0(w9);
                    w9 += SmallSigma1(w7) + w2 + SmallSigma0(w10);
                    w10 += SmallSigma1(w8) + w3 + SmallSigma0(w11);
                    w11 += SmallSigma1(w9) + w4 + SmallSigma0(w12);
                    w12 += SmallSigma1(w10) + w5 + SmallSigma0(w13);
                    w13 += SmallSigma1(w11) + w6 + SmallSigma0(w14);
                    w14 += SmallSigma1(w12) + w7 + SmallSigma0(w15);
                    w15 += SmallSigma1(w13) + w8 + SmallSigma0(w0);
                }

                // Eight rounds bring the working variables back to their names, so each round renames instead of moving.
                Round(a, b, c, ref d, e, f, g, ref h, w0, K[t]);
                Round(h, a, b, ref c, d, e, f, ref g, w1, K[t + 1]);
                Round(g, h, a, ref b, c, d, e, ref f, w2, K[t + 2]);
                Round(f, g, h, ref a, b, c, d, ref e, w3, K[t + 3]);
                Round(e, f, g, ref h, a, b, c, ref d, w4, K[t + 4]);
                Round(d, e, f, ref g, h, a, b, ref c, w5, K[t + 5]);
                Round(c, d, e, ref f, g, h, a, ref b, w6, K[t + 6]);
                Round(b, c, d, ref e, f, g, h, ref a, w7, K[t + 7]);
                Round(a, b, c, ref d, e, f, g, ref h, w8, K[t + 8]);
                Round(h, a, b, ref c, d, e, f, ref g, w9, K[t + 9]);
                Round(g, h, a, ref b, c, d, e, ref f, w10, K[t + 10]);
                Round(f, g, h, ref a, b, c, d, ref e, w11, K[t + 11]);
                Round(e, f, g, ref h, a, b, c, ref d, w12, K[t + 12]);
                Round(d, e, f, ref g, h, a, b, ref c, w13, K[t + 13]);
                Round(c, d, e, ref f, g, h, a, ref b, w14, K[t + 14]);
                Round(b, c, d, ref e, f, g, h, ref a, w15, K[t + 15]);
            }

            a += a0;
            b += b0;
            c += c0;
            d += d0;
            e += e0;
            f += f0;
            g += g0;
            h += h0;
        }

        state[0] = a;
        state[1] = b;
        state[2] = c;
        state[3] = d;
        state[4] = e;
        state[5] = f;
        state[6] = g;
        state[7] = h;
    }

    /// <summary>
    /// One round. h + K + W and Ch(e, f, g) do not wait for Σ1(e), so the sum adds Σ1 last: from one round's e to the
    /// next the chain is then four instructions, not seven, which took the lanes from 2.35 to 2.95 GB/s.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c, ref Vector512<uint> d, Vector512<uint> e, Vector512<uint> f, Vector512<uint> g, ref Vector512<uint> h, Vector512<uint> w, uint k)
    {
        var t1 = h + Vector512.Create(k) + w + Avx512F.TernaryLogic(e, f, g, 0xCA) + BigSigma1(e);
        d += t1;
        h = t1 + (BigSigma0(a) + Avx512F.TernaryLogic(a, b, c, 0xE8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> BigSigma0(Vector512<uint> x) => Avx512F.TernaryLogic(Avx512F.RotateRight(x, 2), Avx512F.RotateRight(x, 13), Avx512F.RotateRight(x, 22), 0x96);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> BigSigma1(Vector512<uint> x) => Avx512F.TernaryLogic(Avx512F.RotateRight(x, 6), Avx512F.RotateRight(x, 11), Avx512F.RotateRight(x, 25), 0x96);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> SmallSigma0(Vector512<uint> x) => Avx512F.TernaryLogic(Avx512F.RotateRight(x, 7), Avx512F.RotateRight(x, 18), Vector512.ShiftRightLogical(x, 3), 0x96);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> SmallSigma1(Vector512<uint> x) => Avx512F.TernaryLogic(Avx512F.RotateRight(x, 17), Avx512F.RotateRight(x, 19), Vector512.ShiftRightLogical(x, 10), 0x96);

    /// <summary>
    /// The sixteen big-endian words of each lane's block, word i of every lane in vector i: each lane's 64 bytes
    /// are one load, byte-swapped, and the 16 × 16 words are transposed in four steps (32-bit, 64-bit, then
    /// 128-bit pairs twice).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>,
        Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>, Vector512<uint>) Words(ref byte bytes, ReadOnlySpan<int> starts, int offset)
    {
        var r0 = Lane(ref bytes, starts[0] + offset);
        var r1 = Lane(ref bytes, starts[1] + offset);
        var r2 = Lane(ref bytes, starts[2] + offset);
        var r3 = Lane(ref bytes, starts[3] + offset);
        var r4 = Lane(ref bytes, starts[4] + offset);
        var r5 = Lane(ref bytes, starts[5] + offset);
        var r6 = Lane(ref bytes, starts[6] + offset);
        var r7 = Lane(ref bytes, starts[7] + offset);
        var r8 = Lane(ref bytes, starts[8] + offset);
        var r9 = Lane(ref bytes, starts[9] + offset);
        var r10 = Lane(ref bytes, starts[10] + offset);
        var r11 = Lane(ref bytes, starts[11] + offset);
        var r12 = Lane(ref bytes, starts[12] + offset);
        var r13 = Lane(ref bytes, starts[13] + offset);
        var r14 = Lane(ref bytes, starts[14] + offset);
        var r15 = Lane(ref bytes, starts[15] + offset);

        // Pairs of lanes interleaved by word, then by pairs of words.
        var (t0, t1) = (Avx512F.UnpackLow(r0, r1), Avx512F.UnpackHigh(r0, r1));
        var (t2, t3) = (Avx512F.UnpackLow(r2, r3), Avx512F.UnpackHigh(r2, r3));
        var (t4, t5) = (Avx512F.UnpackLow(r4, r5), Avx512F.UnpackHigh(r4, r5));
        var (t6, t7) = (Avx512F.UnpackLow(r6, r7), Avx512F.UnpackHigh(r6, r7));
        var (t8, t9) = (Avx512F.UnpackLow(r8, r9), Avx512F.UnpackHigh(r8, r9));
        var (t10, t11) = (Avx512F.UnpackLow(r10, r11), Avx512F.UnpackHigh(r10, r11));
        var (t12, t13) = (Avx512F.UnpackLow(r12, r13), Avx512F.UnpackHigh(r12, r13));
        var (t14, t15) = (Avx512F.UnpackLow(r14, r15), Avx512F.UnpackHigh(r14, r15));
        (r0, r1, r2, r3) = (Low64(t0, t2), High64(t0, t2), Low64(t1, t3), High64(t1, t3));
        (r4, r5, r6, r7) = (Low64(t4, t6), High64(t4, t6), Low64(t5, t7), High64(t5, t7));
        (r8, r9, r10, r11) = (Low64(t8, t10), High64(t8, t10), Low64(t9, t11), High64(t9, t11));
        (r12, r13, r14, r15) = (Low64(t12, t14), High64(t12, t14), Low64(t13, t15), High64(t13, t15));

        // Then by 128-bit quarters: first within each half of the lanes, then across the halves.
        (t0, t4) = (Even128(r0, r4), Odd128(r0, r4));
        (t1, t5) = (Even128(r1, r5), Odd128(r1, r5));
        (t2, t6) = (Even128(r2, r6), Odd128(r2, r6));
        (t3, t7) = (Even128(r3, r7), Odd128(r3, r7));
        (t8, t12) = (Even128(r8, r12), Odd128(r8, r12));
        (t9, t13) = (Even128(r9, r13), Odd128(r9, r13));
        (t10, t14) = (Even128(r10, r14), Odd128(r10, r14));
        (t11, t15) = (Even128(r11, r15), Odd128(r11, r15));
        return (Even128(t0, t8), Even128(t1, t9), Even128(t2, t10), Even128(t3, t11), Even128(t4, t12), Even128(t5, t13), Even128(t6, t14), Even128(t7, t15),
            Odd128(t0, t8), Odd128(t1, t9), Odd128(t2, t10), Odd128(t3, t11), Odd128(t4, t12), Odd128(t5, t13), Odd128(t6, t14), Odd128(t7, t15));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Lane(ref byte bytes, int start)
    {
        var swap = Vector512.Create(
            (byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
            3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
            3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
            3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
        return Avx512BW.Shuffle(Vector512.LoadUnsafe(ref bytes, (nuint)start), swap).AsUInt32();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Low64(Vector512<uint> x, Vector512<uint> y) => Avx512F.UnpackLow(x.AsUInt64(), y.AsUInt64()).AsUInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> High64(Vector512<uint> x, Vector512<uint> y) => Avx512F.UnpackHigh(x.AsUInt64(), y.AsUInt64()).AsUInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Even128(Vector512<uint> x, Vector512<uint> y) => Avx512F.Shuffle4x128(x, y, 0x88);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Odd128(Vector512<uint> x, Vector512<uint> y) => Avx512F.Shuffle4x128(x, y, 0xDD);
}
