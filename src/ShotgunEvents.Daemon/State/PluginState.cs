namespace ShotgunEvents.Daemon.State;

/// <summary>
/// What the daemon remembers of one plugin: the last event it handled (null: it never ran) and its backlog of
/// missing ids. Change it through a <see cref="PluginCursor"/>, which locks <see cref="Sync"/>;
/// <see cref="Clone"/> takes the same lock, so a checkpoint can copy state while the plugin's worker runs.
/// </summary>
internal sealed class PluginState
{
    /// <summary>Creates a state.</summary>
    /// <param name="lastEventId">The last handled id, or null when the plugin never ran.</param>
    /// <param name="backlog">Its backlog, or null for an empty one.</param>
    public PluginState(long? lastEventId = null, Backlog? backlog = null)
    {
        LastEventId = lastEventId;
        Backlog = backlog ?? new Backlog();
    }

    /// <summary>The last handled id; null when the plugin never ran (the engine then applies <c>start_from</c>).</summary>
    public long? LastEventId { get; set; }

    /// <summary>The missing ids still waited for.</summary>
    public Backlog Backlog { get; }

    /// <summary>The lock that guards this state.</summary>
    public Lock Sync { get; } = new();

    /// <summary>A consistent deep copy.</summary>
    public PluginState Clone()
    {
        lock (Sync)
        {
            return new PluginState(LastEventId, Backlog.Clone());
        }
    }
}
