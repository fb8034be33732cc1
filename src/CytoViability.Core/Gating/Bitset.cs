using System.Numerics;

namespace CytoViability.Core.Gating;

/// <summary>
/// Gate membership: one bit per event, in file order, packed 64 to a <see cref="ulong"/>. Bits past
/// <see cref="Length"/> are always zero, so <see cref="Count"/> is a plain popcount.
/// </summary>
internal sealed class Bitset
{
    private readonly ulong[] _words;

    /// <summary>An empty set over <paramref name="length"/> events.</summary>
    public Bitset(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _words = Fcs.SampleBuffers.Words(WordCount(length));
    }

    /// <summary>Number of events the set ranges over.</summary>
    public int Length { get; }

    /// <summary>The packed bits, event i at bit (i &amp; 63) of word i / 64; for statistics over spans.</summary>
    public ReadOnlySpan<ulong> Words => _words;

    internal ulong[] Bits => _words;

    /// <summary>Every event.</summary>
    public static Bitset All(int length)
    {
        var all = new Bitset(length);
        Array.Fill(all._words, ulong.MaxValue);
        all.ClearTail();
        return all;
    }

    /// <summary>Number of 64-bit words needed for <paramref name="length"/> events.</summary>
    internal static int WordCount(int length) => (length + 63) >> 6;

    /// <summary>Whether event <paramref name="index"/> is in the set.</summary>
    public bool IsSet(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "event index outside 0.." + (Length - 1));
        }

        return (_words[index >> 6] & (1UL << index)) != 0;
    }

    /// <summary>Puts event <paramref name="index"/> in the set.</summary>
    public void Set(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "event index outside 0.." + (Length - 1));
        }

        _words[index >> 6] |= 1UL << index;
    }

    /// <summary>Number of events in the set.</summary>
    public int Count()
    {
        var count = 0;
        foreach (var word in _words)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>A new set with the events in both.</summary>
    public Bitset And(Bitset other)
    {
        var result = Clone();
        result.AndWith(other);
        return result;
    }

    /// <summary>A new set with the events in either.</summary>
    public Bitset Or(Bitset other)
    {
        var result = Clone();
        result.OrWith(other);
        return result;
    }

    /// <summary>A new set with the events not in this one.</summary>
    public Bitset Not()
    {
        var result = new Bitset(Length);
        for (var i = 0; i < _words.Length; i++)
        {
            result._words[i] = ~_words[i];
        }

        result.ClearTail();
        return result;
    }

    /// <summary>Keeps only the events also in <paramref name="other"/>.</summary>
    public void AndWith(Bitset other)
    {
        SameLength(other);
        var words = _words;
        var others = other._words;
        for (var i = 0; i < words.Length; i++)
        {
            words[i] &= others[i];
        }
    }

    /// <summary>Adds the events of <paramref name="other"/>.</summary>
    public void OrWith(Bitset other)
    {
        SameLength(other);
        var words = _words;
        var others = other._words;
        for (var i = 0; i < words.Length; i++)
        {
            words[i] |= others[i];
        }
    }

    /// <summary>Removes the events of <paramref name="other"/>.</summary>
    public void AndNotWith(Bitset other)
    {
        SameLength(other);
        var words = _words;
        var others = other._words;
        for (var i = 0; i < words.Length; i++)
        {
            words[i] &= ~others[i];
        }
    }

    /// <summary>An independent copy.</summary>
    public Bitset Clone()
    {
        var copy = new Bitset(Length);
        Array.Copy(_words, copy._words, _words.Length);
        return copy;
    }

    /// <summary>Indices of the events in the set, ascending.</summary>
    public IEnumerable<int> Indices()
    {
        for (var w = 0; w < _words.Length; w++)
        {
            var word = _words[w];
            while (word != 0)
            {
                yield return (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }
    }

    internal void ClearTail()
    {
        var used = Length & 63;
        if (used != 0)
        {
            _words[^1] &= (1UL << used) - 1;
        }
    }

    private void SameLength(Bitset other)
    {
        if (other.Length != Length)
        {
            throw new ArgumentException("bitsets over " + Length + " and " + other.Length + " events cannot be combined", nameof(other));
        }
    }
}
