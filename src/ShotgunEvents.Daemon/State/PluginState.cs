namespace ShotgunEvents.Daemon.State;

/// <summary>
/// What the daemon remembers of one plugin: the last event it handled (null: it never ran) and its backlog of missing
/// ids, and the rules that move them. Immutable: a handled event gives a new state, so whoever drives the plugin (its
/// lane, or the serial loop) publishes it with one reference write and the state writer reads it without a lock.
/// The rules fix upstream's backlog (§5.4): a late event from the backlog is delivered once and never moves the
/// position back (upstream re-delivered every later event); a gap is one range, not one entry per id; it expires at
/// the <c>created_at</c> of the event after the gap plus <c>backlog_timeout</c>, on the site's clock.
/// </summary>
internal sealed class PluginState
{
    /// <summary>A plugin that never ran and has no position yet (the engine applies <c>start_from</c>).</summary>
    public static readonly PluginState Fresh = new();

    /// <summary>Creates a state.</summary>
    /// <param name="lastEventId">The last handled id, or null when the plugin never ran.</param>
    /// <param name="backlog">Its backlog, or null for an empty one.</param>
    public PluginState(long? lastEventId = null, Backlog? backlog = null)
    {
        LastEventId = lastEventId;
        Backlog = backlog ?? Backlog.Empty;
    }

    /// <summary>The last handled id; null when the plugin never ran.</summary>
    public long? LastEventId { get; }

    /// <summary>The missing ids still waited for.</summary>
    public Backlog Backlog { get; }

    /// <summary>True when the plugin has not had <paramref name="id"/> yet: after its last id, or in its backlog.</summary>
    public bool Wants(long id) => LastEventId is not { } last || id > last || Backlog.Contains(id);

    /// <summary>The state once every callback of the plugin finished with event <paramref name="id"/>.</summary>
    /// <param name="id">The event's id.</param>
    /// <param name="createdAt">The event's <c>created_at</c> (site time): a gap before it expires this long after it.</param>
    /// <param name="backlogTimeout"><c>[daemon] backlog_timeout</c>.</param>
    /// <param name="siteNow">The site's time now (<see cref="SiteClock"/>): a gap already expired is dropped at once.</param>
    /// <param name="outcome">What happened, for the log (gaps once, as a range).</param>
    public PluginState Handle(long id, DateTimeOffset createdAt, TimeSpan backlogTimeout, DateTimeOffset siteNow, out HandledOutcome outcome)
    {
        if (Backlog.Contains(id))
        {
            outcome = new HandledOutcome(HandledKind.FilledFromBacklog);
            return new PluginState(LastEventId, Backlog.Remove(id));
        }

        if (LastEventId is not { } last || id == last + 1)
        {
            outcome = new HandledOutcome(HandledKind.Advanced);
            return new PluginState(id, Backlog);
        }

        if (id <= last)
        {
            outcome = new HandledOutcome(HandledKind.AlreadyHandled);
            return this;
        }

        var gap = new IdRange(last + 1, id - 1);
        var expires = createdAt + backlogTimeout;
        if (siteNow >= expires)
        {
            outcome = new HandledOutcome(HandledKind.GapDropped, gap);
            return new PluginState(id, Backlog);
        }

        outcome = new HandledOutcome(HandledKind.GapBacklogged, gap, expires);
        return new PluginState(id, Backlog.Add(gap.From, gap.To, expires));
    }

    /// <summary>The state without the backlog ranges that expired by <paramref name="siteNow"/> (each logged once by the caller).</summary>
    public PluginState Expire(DateTimeOffset siteNow, out IReadOnlyList<BacklogRange> expired)
    {
        var backlog = Backlog.Expire(siteNow, out expired);
        return ReferenceEquals(backlog, Backlog) ? this : new PluginState(LastEventId, backlog);
    }
}
