using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using CytoViability.Core.Hashing;

namespace CytoViability.Core.Tests.Hashing;

/// <summary>
/// Sixteen messages hashed side by side give each message's own sha256, as .NET's SHA256 (OpenSSL here) computes it
/// alone: lengths around every padding edge, lanes started at different times, and messages of different lengths.
/// </summary>
public sealed class Sha256LanesTests
{
    [Fact]
    public void Sixteen_messages_around_the_padding_edges_hash_as_each_does_alone()
    {
        int[] lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 4096, 4103, 65_537];
        var messages = lengths.Select((length, lane) => Noise(length, lane)).ToArray();
        if (!Sha256Lanes.IsSupported)
        {
            Assert.Throws<PlatformNotSupportedException>(() => Sha256Lanes.Compress(new Vector512<uint>[8], new byte[64 * 16], new int[16], 1));
            return;
        }

        var digests = HashInLanes(messages);

        for (var lane = 0; lane < 16; lane++)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(messages[lane])), Convert.ToHexStringLower(digests[lane]));
        }
    }

    [Fact]
    public void The_digest_of_abc_is_the_one_FIPS_180_2_publishes()
    {
        if (!Sha256Lanes.IsSupported)
        {
            return;
        }

        var messages = Enumerable.Repeat("abc"u8.ToArray(), 16).ToArray();

        var digests = HashInLanes(messages);

        Assert.All(digests, digest => Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digest)));
    }

    [Fact]
    public void A_lane_started_again_forgets_its_last_message_while_the_others_go_on()
    {
        if (!Sha256Lanes.IsSupported)
        {
            return;
        }

        // Every lane first takes a block of noise; then lane 3 alone starts over, and every lane takes padded "abc".
        var noise = new byte[16 * 64];
        new Random(3).NextBytes(noise);
        var abc = new byte[16 * 64];
        var starts = new int[16];
        for (var lane = 0; lane < 16; lane++)
        {
            starts[lane] = lane * 64;
            Padded("abc"u8.ToArray()).CopyTo(abc, lane * 64);
        }

        var state = new Vector512<uint>[8];
        for (var lane = 0; lane < 16; lane++)
        {
            Sha256Lanes.Start(state, lane);
        }

        Sha256Lanes.Compress(state, noise, starts, 1);
        Sha256Lanes.Start(state, 3);
        Sha256Lanes.Compress(state, abc, starts, 1);

        var restarted = new byte[32];
        var other = new byte[32];
        Sha256Lanes.Digest(state, 3, restarted);
        Sha256Lanes.Digest(state, 4, other);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(restarted));
        Assert.NotEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(other));
    }

    [Fact]
    public void Blocks_past_the_end_of_the_buffer_are_refused_before_anything_is_read()
    {
        if (!Sha256Lanes.IsSupported)
        {
            return;
        }

        var starts = new int[16];
        starts[15] = 64;

        Assert.Throws<ArgumentOutOfRangeException>(() => Sha256Lanes.Compress(new Vector512<uint>[8], new byte[127], starts, 1));
    }

    /// <summary>Each message padded by FIPS 180-4 and laid out in its lane's region, compressed together to the longest's end.</summary>
    private static byte[][] HashInLanes(byte[][] messages)
    {
        var padded = messages.Select(Padded).ToArray();
        var region = padded.Max(p => p.Length);
        var buffer = new byte[16 * region];
        var starts = new int[16];
        for (var lane = 0; lane < 16; lane++)
        {
            starts[lane] = lane * region;
            padded[lane].CopyTo(buffer, starts[lane]);
        }

        // Compress block by block; a lane whose message has ended keeps its digest aside, as InputHashes does.
        var state = new Vector512<uint>[8];
        for (var lane = 0; lane < 16; lane++)
        {
            Sha256Lanes.Start(state, lane);
        }

        var digests = new byte[16][];
        for (var block = 0; block < region / 64; block++)
        {
            var at = starts.Select(start => start + (block * 64)).ToArray();
            Sha256Lanes.Compress(state, buffer, at, 1);
            for (var lane = 0; lane < 16; lane++)
            {
                if (padded[lane].Length == (block + 1) * 64)
                {
                    digests[lane] = new byte[32];
                    Sha256Lanes.Digest(state, lane, digests[lane]);
                }
            }
        }

        return digests;
    }

    private static byte[] Padded(byte[] message)
    {
        var length = ((message.Length + 9 + 63) / 64) * 64;
        var padded = new byte[length];
        message.CopyTo(padded, 0);
        padded[message.Length] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(padded.AsSpan(length - 8), (ulong)message.Length * 8);
        return padded;
    }

    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
