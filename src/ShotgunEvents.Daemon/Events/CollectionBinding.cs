using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Daemon.Events;

/// <summary>A plugin collection and its key in the state file (the path as the config wrote it, as upstream keyed it).</summary>
/// <param name="Collection">The collection.</param>
/// <param name="StateKey">Its key in the state file.</param>
internal sealed record CollectionBinding(PluginCollection Collection, string StateKey);
