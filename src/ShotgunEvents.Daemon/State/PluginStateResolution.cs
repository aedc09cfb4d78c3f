namespace ShotgunEvents.Daemon.State;

/// <summary>The result of <see cref="DaemonState.Resolve"/>.</summary>
/// <param name="State">The plugin's live state, now stored under its collection and name.</param>
/// <param name="Origin">Where it came from.</param>
/// <param name="SourceCollection">For <see cref="StateOrigin.MovedCollection"/>, the collection it was taken from.</param>
internal sealed record PluginStateResolution(PluginState State, StateOrigin Origin, string? SourceCollection = null);
