namespace ShotgunEvents.Daemon.Config;

/// <summary>One <c>[section]</c> of an INI file: its name is case-sensitive, its keys are not.</summary>
internal sealed class IniSection
{
    private readonly List<IniEntry> _entries = [];

    /// <summary>Creates an empty section.</summary>
    public IniSection(string name, int line)
    {
        Name = name;
        Line = line;
    }

    /// <summary>The section name, as written.</summary>
    public string Name { get; }

    /// <summary>The 1-based line of the header.</summary>
    public int Line { get; }

    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<IniEntry> Entries => _entries;

    /// <summary>The entry for <paramref name="key"/>, ignoring case, or null.</summary>
    public IniEntry? Find(string key) =>
        _entries.Find(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds an entry (the parser has already rejected duplicates).</summary>
    public void Add(IniEntry entry) => _entries.Add(entry);
}
