using System.Globalization;

namespace ShotgunEvents.Daemon.Plugins.Scoping;

/// <summary>
/// A set of projects as the configuration or a plugin names them: ids (any item that is a whole number) and names
/// (anything else, looked up on the site, ignoring case).
/// </summary>
/// <param name="Ids">Project ids.</param>
/// <param name="Names">Project names.</param>
internal sealed record ProjectSelector(IReadOnlyList<int> Ids, IReadOnlyList<string> Names)
{
    /// <summary>No project at all: the selector of a scope that is not set.</summary>
    public static readonly ProjectSelector None = new([], []);

    /// <summary>True when it names no project.</summary>
    public bool IsEmpty => Ids.Count == 0 && Names.Count == 0;

    /// <summary>Reads configuration items: a whole number is an id, anything else a name.</summary>
    /// <param name="items">The items, trimmed.</param>
    /// <returns>The selector.</returns>
    public static ProjectSelector Parse(IEnumerable<string> items)
    {
        var ids = new List<int>();
        var names = new List<string>();
        foreach (var item in items)
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                ids.Add(id);
            }
            else
            {
                names.Add(item);
            }
        }

        return new ProjectSelector(ids.Distinct().ToArray(), names.Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", Ids.Select(i => i.ToString(CultureInfo.InvariantCulture)).Concat(Names));
}
