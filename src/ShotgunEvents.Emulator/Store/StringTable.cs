namespace ShotgunEvents.Emulator.Store;

/// <summary>Interns the few distinct strings a million event rows repeat (event types, field names, session ids).</summary>
internal sealed class StringTable
{
    private readonly List<string> _values = [];
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    public string this[int index] => _values[index];

    /// <summary>The index of the string, adding it when new; -1 for null.</summary>
    public int Intern(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        if (!_indexes.TryGetValue(value, out var index))
        {
            index = _values.Count;
            _values.Add(value);
            _indexes[value] = index;
        }

        return index;
    }

    public string? Get(int index) => index < 0 ? null : _values[index];

    public bool TryFind(string value, out int index) => _indexes.TryGetValue(value, out index);
}
