namespace ShotgunEvents.Daemon.Plugins.Scoping;

/// <summary>What a <see cref="SiteDirectory"/> look-up must answer: these project names, logins and script names.</summary>
/// <param name="Projects">Project names to look up.</param>
/// <param name="Logins"><c>HumanUser</c> logins to look up.</param>
/// <param name="Scripts"><c>ApiUser</c> names (<c>firstname</c>, the script name of the credentials) to look up.</param>
internal sealed record DirectoryNeeds(IReadOnlySet<string> Projects, IReadOnlySet<string> Logins, IReadOnlySet<string> Scripts)
{
    /// <summary>Nothing to look up.</summary>
    public static readonly DirectoryNeeds Nothing = Of([], [], []);

    /// <summary>True when nothing is needed.</summary>
    public bool IsNothing => Projects.Count == 0 && Logins.Count == 0 && Scripts.Count == 0;

    /// <summary>Needs of these names (compared ignoring case, as the site compares them).</summary>
    public static DirectoryNeeds Of(IEnumerable<string> projects, IEnumerable<string> logins, IEnumerable<string> scripts) =>
        new(Set(projects), Set(logins), Set(scripts));

    /// <summary>True when a look-up for this answers <paramref name="other"/> too.</summary>
    public bool Includes(DirectoryNeeds other) =>
        other.Projects.All(Projects.Contains) && other.Logins.All(Logins.Contains) && other.Scripts.All(Scripts.Contains);

    /// <summary>Both needs at once.</summary>
    public DirectoryNeeds With(DirectoryNeeds other) =>
        Includes(other) ? this : Of(Projects.Concat(other.Projects), Logins.Concat(other.Logins), Scripts.Concat(other.Scripts));

    private static HashSet<string> Set(IEnumerable<string> names) => new(names, StringComparer.OrdinalIgnoreCase);
}
