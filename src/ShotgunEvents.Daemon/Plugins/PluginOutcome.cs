namespace ShotgunEvents.Daemon.Plugins;

/// <summary>What happened when a plugin was given an event.</summary>
internal enum PluginOutcome
{
    /// <summary>Every matching callback ran (or none matched, or a failing one had <c>stopOnError: false</c>): the event is handled.</summary>
    Handled,

    /// <summary>A <c>stopOnError</c> callback threw (after any retries): the plugin is now inactive and the event is NOT handled.</summary>
    Failed,

    /// <summary>The plugin is inactive (did not compile, did not register, failed earlier, or was removed): nothing ran.</summary>
    Inactive,

    /// <summary>
    /// The call was abandoned while its callback still ran (a reload of a stuck plugin, its removal, the daemon's stop):
    /// the event is NOT handled, and whoever made the call must change nothing more (another lane loop may own the
    /// plugin's delivery now).
    /// </summary>
    Abandoned,
}
