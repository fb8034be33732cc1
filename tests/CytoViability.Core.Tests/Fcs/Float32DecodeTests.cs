using System.Buffers.Binary;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>
/// Float32 DATA goes through the eight-event AVX2 transpose, the scalar tail and (for long files) several slices
/// whose sizes are not multiples of eight. Every value here is a distinct bit pattern written with
/// BinaryPrimitives, so a value landing in the wrong channel or event, or a lost NaN payload, shows.
/// </summary>
public sealed class Float32DecodeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 15)]
    [InlineData(8, 8)]
    [InlineData(8, 17)]
    [InlineData(9, 9)]
    [InlineData(12, 1)]
    [InlineData(12, 7)]
    [InlineData(12, 1003)]
    [InlineData(12, 70_001)]
    [InlineData(16, 64)]
    [InlineData(17, 33)]
    public void Read_EachByteOrder_EveryValueLandsInItsChannelAndEvent(int channels, int events)
    {
        foreach (var bigEndian in new[] { true, false })
        {
            var data = new byte[channels * events * 4];
            for (var e = 0; e < events; e++)
            {
                for (var c = 0; c < channels; c++)
                {
                    var slot = data.AsSpan(((e * channels) + c) * 4, 4);
                    if (bigEndian)
                    {
                        BinaryPrimitives.WriteUInt32BigEndian(slot, Pattern(e, c));
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(slot, Pattern(e, c));
                    }
                }
            }

            var parameters = new (string Name, int Bits, string Range)[channels];
            for (var c = 0; c < channels; c++)
            {
                parameters[c] = ($"P{c + 1}", 32, "262144");
            }

            var file = new HandBuiltFcs
            {
                Keywords = HandBuiltFcs.ListMode("F", bigEndian ? "4,3,2,1" : "1,2,3,4", events, parameters),
                Data = data,
            };
            var dataSet = FcsReader.Read(file.Build(), "hand-built").DataSets[0];

            Assert.Equal(events, dataSet.EventCount);
            for (var c = 0; c < channels; c++)
            {
                var column = dataSet.Column(c);
                for (var e = 0; e < events; e++)
                {
                    var bits = BitConverter.SingleToUInt32Bits(column[e]);
                    if (bits != Pattern(e, c))
                    {
                        Assert.Fail($"{(bigEndian ? "big" : "little")}-endian, event {e}, channel {c}: 0x{bits:X8}, expected 0x{Pattern(e, c):X8}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Decode_FromAnEventOffset_FillsOnlyThoseEventsAndReportsWholeSteps()
    {
        const int Channels = 10;
        const int Events = 21;
        var words = new uint[Channels * Events];
        for (var e = 0; e < Events; e++)
        {
            for (var c = 0; c < Channels; c++)
            {
                words[(e * Channels) + c] = BinaryPrimitives.ReverseEndianness(Pattern(e, c));
            }
        }

        var columns = new float[Channels][];
        for (var c = 0; c < Channels; c++)
        {
            columns[c] = new float[5 + Events];
            Array.Fill(columns[c], -1f);
        }

        var decoded = Float32Transpose.Decode(words, Channels, columns, 5, Events, swap: true);

        Assert.Equal(Float32Transpose.IsSupported(Channels) ? 16 : 0, decoded);
        for (var c = 0; c < Channels; c++)
        {
            Assert.Equal([-1f, -1f, -1f, -1f, -1f], columns[c][..5]);
            for (var e = 0; e < decoded; e++)
            {
                Assert.Equal(Pattern(e, c), BitConverter.SingleToUInt32Bits(columns[c][5 + e]));
            }

            Assert.All(columns[c][(5 + decoded)..], value => Assert.Equal(-1f, value));
        }
    }

    /// <summary>Distinct per event and channel, with signalling and quiet NaN payloads mixed in.</summary>
    private static uint Pattern(int e, int c) => (e % 5) switch
    {
        3 => 0x7F800001u + (uint)((e * 64) + c),
        4 => 0xFFC00000u | (uint)((e * 64) + c),
        _ => BitConverter.SingleToUInt32Bits((e * 1000f) + c + 0.25f) ^ (uint)(c << 1),
    };
}
