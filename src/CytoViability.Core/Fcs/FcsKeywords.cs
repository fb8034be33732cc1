using System.Collections;

namespace CytoViability.Core.Fcs;

/// <summary>
/// TEXT keywords in file order with their exact case and '$'. Look-ups ignore case; when a keyword repeats,
/// the first occurrence answers (the reader warns about the repeat).
/// </summary>
internal sealed class FcsKeywords : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _pairs;
    private readonly Dictionary<string, int> _firstIndex;

    internal FcsKeywords(List<KeyValuePair<string, string>> pairs)
    {
        _pairs = pairs;
        _firstIndex = new Dictionary<string, int>(pairs.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < pairs.Count; i++)
        {
            _firstIndex.TryAdd(pairs[i].Key, i);
        }
    }

    public int Count => _pairs.Count;

    public KeyValuePair<string, string> this[int index] => _pairs[index];

    /// <summary>The value of <paramref name="key"/> (case-insensitive), or null when absent.</summary>
    public string? this[string key] => _firstIndex.TryGetValue(key, out var i) ? _pairs[i].Value : null;

    public bool TryGetValue(string key, out string value)
    {
        if (_firstIndex.TryGetValue(key, out var i))
        {
            value = _pairs[i].Value;
            return true;
        }

        value = string.Empty;
        return false;
    }

    public bool ContainsKey(string key) => _firstIndex.ContainsKey(key);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
