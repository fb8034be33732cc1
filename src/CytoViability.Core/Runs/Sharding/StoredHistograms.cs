using System.Collections;
using System.Diagnostics.CodeAnalysis;
using CytoViability.Core.Placement;

namespace CytoViability.Core.Runs.Sharding;

/// <summary>
/// A sample's placement histograms as a shard's map holds them, decoded each time one is asked for
/// (<see cref="ShardBinary.ReadPlacement"/>): a shard reads few of them, so the counts of the rest never take memory.
/// </summary>
internal sealed class StoredHistograms(byte[] map) : IReadOnlyDictionary<string, AxisHistogram>
{
    private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);

    public int Count => _offsets.Count;

    public IEnumerable<string> Keys => _offsets.Keys;

    public IEnumerable<AxisHistogram> Values
    {
        get
        {
            foreach (var offset in _offsets.Values)
            {
                yield return ShardBinary.ReadHistogram(map, offset);
            }
        }
    }

    public AxisHistogram this[string key] => ShardBinary.ReadHistogram(map, _offsets[key]);

    public void Add(string key, int offset) => _offsets[key] = offset;

    public bool ContainsKey(string key) => _offsets.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out AxisHistogram value)
    {
        value = _offsets.TryGetValue(key, out var offset) ? ShardBinary.ReadHistogram(map, offset) : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, AxisHistogram>> GetEnumerator()
    {
        foreach (var (key, offset) in _offsets)
        {
            yield return new(key, ShardBinary.ReadHistogram(map, offset));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
