using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Daemon.Events;

/// <summary>A plugin collection and its key in the state file (the path as the config wrote it, as upstream keyed it).</summary>
internal sealed record EngineCollection(PluginCollection Collection, string StateKey);
