using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Plugins.Scoping;

/// <summary>One look-up of a <see cref="SiteDirectory"/>: names to ids, as the site answered. Immutable.</summary>
internal sealed class DirectorySnapshot
{
    private readonly Dictionary<string, int[]> _projects;
    private readonly Dictionary<string, int[]> _humans;
    private readonly Dictionary<string, int[]> _scripts;

    private DirectorySnapshot(DirectoryNeeds needs, Dictionary<string, int[]> projects, Dictionary<string, int[]> humans, Dictionary<string, int[]> scripts)
    {
        Needs = needs;
        _projects = projects;
        _humans = humans;
        _scripts = scripts;
    }

    /// <summary>What this snapshot was looked up for.</summary>
    public DirectoryNeeds Needs { get; }

    /// <summary>Builds a snapshot from the site's answers.</summary>
    public static DirectorySnapshot From(DirectoryNeeds needs, IReadOnlyList<Entity> projects, IReadOnlyList<Entity> humans, IReadOnlyList<Entity> scripts) =>
        new(needs, ByName(projects, "name"), ByName(humans, "login"), ByName(scripts, "firstname"));

    /// <summary>The ids of the projects with this name (names are not unique on a site); empty when none.</summary>
    public IReadOnlyList<int> ProjectIds(string name) => _projects.TryGetValue(name, out var ids) ? ids : [];

    /// <summary>The <c>HumanUser</c> ids with this login; empty when none.</summary>
    public IReadOnlyList<int> HumanUserIds(string login) => _humans.TryGetValue(login, out var ids) ? ids : [];

    /// <summary>The <c>ApiUser</c> ids with this script name; empty when none.</summary>
    public IReadOnlyList<int> ScriptIds(string name) => _scripts.TryGetValue(name, out var ids) ? ids : [];

    /// <summary>True when an event of this kind can change what this snapshot answers.</summary>
    public bool Covers(ShotgunEvent evt) =>
        evt.EventType.StartsWith("Shotgun_Project_", StringComparison.Ordinal) ? Needs.Projects.Count > 0
        : evt.EventType.StartsWith("Shotgun_HumanUser_", StringComparison.Ordinal) ? Needs.Logins.Count > 0
        : Needs.Scripts.Count > 0;

    private static Dictionary<string, int[]> ByName(IReadOnlyList<Entity> rows, string field) =>
        rows.Where(r => r.Get<string>(field) is { Length: > 0 })
            .GroupBy(r => r.Get<string>(field)!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Id).Order().ToArray(), StringComparer.OrdinalIgnoreCase);
}
