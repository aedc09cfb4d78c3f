namespace ShotgunEvents.Daemon.Plugins.Scoping;

/// <summary>Why a callback did not run on an event its <c>matchEvents</c> took.</summary>
internal enum SkipReason
{
    /// <summary>The event's project is outside <c>[daemon] limit_to_projects</c>, or in <c>ignore_projects</c>.</summary>
    Project,

    /// <summary>The event was made by a user of <c>[daemon] ignore_users</c>.</summary>
    User,

    /// <summary>The event's project is outside the callback's own <c>InProjects</c> scope (or it has none).</summary>
    CallbackProject,

    /// <summary>The event was made by the callback's own script user (<c>SkipOwnWrites</c>).</summary>
    OwnWrite,
}
