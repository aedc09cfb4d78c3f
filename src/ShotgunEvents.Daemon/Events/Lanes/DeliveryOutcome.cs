namespace ShotgunEvents.Daemon.Events.Lanes;

/// <summary>What <see cref="PluginDelivery.DeliverAsync"/> did with an event.</summary>
internal enum DeliveryOutcome
{
    /// <summary>The plugin handled it; its position moved.</summary>
    Handled,

    /// <summary>The plugin had it already (at or before its position and not in its backlog): nothing ran.</summary>
    Skipped,

    /// <summary>The plugin is inactive (failed with stopOnError, did not compile, removed): the event is not handled; feed it nothing more.</summary>
    Stopped,

    /// <summary>The call was abandoned: the loop that asked must stop at once and change nothing (see <see cref="Plugins.PluginOutcome.Abandoned"/>).</summary>
    Abandoned,
}
