namespace ShotgunEvents.Daemon.State;

/// <summary>The result of <see cref="PluginState.Handle"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Gap">The skipped ids, for <see cref="HandledKind.GapBacklogged"/> and <see cref="HandledKind.GapDropped"/>.</param>
/// <param name="Expires">When a backlogged gap expires (site time).</param>
internal readonly record struct HandledOutcome(HandledKind Kind, IdRange? Gap = null, DateTimeOffset? Expires = null);
