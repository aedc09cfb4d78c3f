namespace ShotgunEvents.Daemon.Plugins.Scoping;

/// <summary>
/// The daemon-wide event scopes of <c>[daemon]</c>: <c>limit_to_projects</c>, <c>ignore_projects</c> and
/// <c>ignore_users</c>. An event outside them is skipped by every plugin (and counted), but still counts as handled.
/// </summary>
/// <param name="LimitToProjects">Only events of these projects (events without a project pass); empty for no limit.</param>
/// <param name="IgnoreProjects">Never events of these projects.</param>
/// <param name="IgnoreUsers">Never events made by these <c>HumanUser</c> logins or <c>ApiUser</c> (script) names.</param>
internal sealed record DaemonScope(ProjectSelector LimitToProjects, ProjectSelector IgnoreProjects, IReadOnlyList<string> IgnoreUsers)
{
    /// <summary>No scope: every event reaches every plugin.</summary>
    public static readonly DaemonScope Everything = new(ProjectSelector.None, ProjectSelector.None, []);

    /// <summary>True when no scope is set.</summary>
    public bool IsEverything => LimitToProjects.IsEmpty && IgnoreProjects.IsEmpty && IgnoreUsers.Count == 0;

    /// <summary>The names to look up on the site.</summary>
    public DirectoryNeeds Needs => DirectoryNeeds.Of(LimitToProjects.Names.Concat(IgnoreProjects.Names), IgnoreUsers, IgnoreUsers);

    /// <summary>The scope in words, for <c>status</c> and the start-up log; null when there is none.</summary>
    public string? Describe()
    {
        var parts = new List<string>(3);
        if (!LimitToProjects.IsEmpty)
        {
            parts.Add($"limit_to_projects = {LimitToProjects}");
        }

        if (!IgnoreProjects.IsEmpty)
        {
            parts.Add($"ignore_projects = {IgnoreProjects}");
        }

        if (IgnoreUsers.Count > 0)
        {
            parts.Add($"ignore_users = {string.Join(", ", IgnoreUsers)}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
