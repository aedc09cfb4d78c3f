namespace ShotgunEvents.Daemon.State;

/// <summary>
/// Where <see cref="DaemonState.Resolve"/> found a plugin's state: the engine logs it at start or load. A closed set of
/// instances compared by reference (like an enum), whose text is the words a TD reads in that log line, not a code name.
/// </summary>
internal sealed class StateOrigin
{
    /// <summary>The plugin's own saved entry.</summary>
    public static readonly StateOrigin Resumed = new(nameof(Resumed), "its own saved position");

    /// <summary>The collection's path is new (moved in the config); the plugin's state was found by name under another.</summary>
    public static readonly StateOrigin MovedCollection = new(nameof(MovedCollection),
        "its folder moved in the config, so its position was taken from the same plugin under the old path");

    /// <summary>A new plugin in a known collection: it starts at the collection's position (the highest last id there).</summary>
    public static readonly StateOrigin CollectionPosition = new(nameof(CollectionPosition),
        "it is new in a plugin folder the daemon knows, so it starts where that folder's plugins are");

    /// <summary>A new plugin in a new collection: it starts at the daemon's position (the highest last id anywhere).</summary>
    public static readonly StateOrigin DaemonPosition = new(nameof(DaemonPosition),
        "it is in a new plugin folder, so it starts where the daemon's other plugins are");

    /// <summary>Only an upstream plain-integer state was migrated: the plugin starts after that id.</summary>
    public static readonly StateOrigin LegacyStartId = new(nameof(LegacyStartId),
        "the migrated upstream state file gives one position for every plugin");

    /// <summary>Nothing is known (first start): <see cref="PluginState.LastEventId"/> is null; apply <c>start_from</c>.</summary>
    public static readonly StateOrigin Fresh = new(nameof(Fresh), "first start, so [daemon] start_from decides");

    private StateOrigin(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The code name (tests, debugging).</summary>
    public string Name { get; }

    /// <summary>What it means, in words for the log line.</summary>
    public string Description { get; }

    /// <summary>The description: the engine's log line formats the origin as it is.</summary>
    public override string ToString() => Description;
}
