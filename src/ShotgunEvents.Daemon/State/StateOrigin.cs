namespace ShotgunEvents.Daemon.State;

/// <summary>Where <see cref="DaemonState.Resolve"/> found a plugin's state: the engine logs it at start or load.</summary>
internal enum StateOrigin
{
    /// <summary>The plugin's own saved entry.</summary>
    Resumed,

    /// <summary>The collection's path is new (moved in the config); the plugin's state was found by name under another.</summary>
    MovedCollection,

    /// <summary>A new plugin in a known collection: it starts at the collection's position (the highest last id there).</summary>
    CollectionPosition,

    /// <summary>A new plugin in a new collection: it starts at the daemon's position (the highest last id anywhere).</summary>
    DaemonPosition,

    /// <summary>Only an upstream plain-integer state was migrated: the plugin starts after that id.</summary>
    LegacyStartId,

    /// <summary>Nothing is known (first start): <see cref="PluginState.LastEventId"/> is null; apply <c>start_from</c>.</summary>
    Fresh,
}
