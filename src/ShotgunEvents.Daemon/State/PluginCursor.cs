namespace ShotgunEvents.Daemon.State;

/// <summary>
/// Delivery bookkeeping for one plugin: which events it still needs and what a handled event does to its
/// <see cref="PluginState"/>. The rules fix upstream's backlog (§5.4): a late event from the backlog is delivered
/// once and never moves the cursor back (upstream re-delivered every later event); a gap is one range, not one
/// entry per id; its expiry is the <c>created_at</c> of the event after the gap plus <c>backlog_timeout</c>, on the
/// site's clock. Thread-safe (locks the state).
/// </summary>
internal sealed class PluginCursor
{
    private readonly TimeSpan _backlogTimeout;
    private readonly SiteClock _clock;

    /// <summary>Creates the cursor over <paramref name="state"/>.</summary>
    /// <param name="state">The plugin's state, changed in place.</param>
    /// <param name="backlogTimeout"><c>[daemon] backlog_timeout</c>.</param>
    /// <param name="clock">The site clock, shared by all plugins.</param>
    public PluginCursor(PluginState state, TimeSpan backlogTimeout, SiteClock clock)
    {
        State = state;
        _backlogTimeout = backlogTimeout;
        _clock = clock;
    }

    /// <summary>The state this cursor moves.</summary>
    public PluginState State { get; }

    /// <summary>The lowest id the main query must still return for this plugin (last + 1); null when it never ran.</summary>
    public long? NextIdToFetch
    {
        get
        {
            lock (State.Sync)
            {
                return State.LastEventId + 1;
            }
        }
    }

    /// <summary>True when the plugin has not had <paramref name="id"/> yet: after its last id, or in its backlog.</summary>
    public bool ShouldDeliver(long id)
    {
        lock (State.Sync)
        {
            return State.LastEventId is not { } last || id > last || State.Backlog.Contains(id);
        }
    }

    /// <summary>Records that every callback of the plugin finished with event <paramref name="id"/>.</summary>
    /// <param name="id">The event's id.</param>
    /// <param name="createdAt">The event's <c>created_at</c> (site time); the site clock observes it too.</param>
    /// <returns>What happened, for the engine to log (gaps once, as a range).</returns>
    public HandledOutcome OnHandled(long id, DateTimeOffset createdAt)
    {
        // The event proves the site's clock has reached its created_at, whatever the poller fed the clock.
        _clock.Observe(createdAt);
        lock (State.Sync)
        {
            if (State.Backlog.Remove(id))
            {
                return new HandledOutcome(HandledKind.FilledFromBacklog);
            }

            if (State.LastEventId is not { } last)
            {
                State.LastEventId = id;
                return new HandledOutcome(HandledKind.Advanced);
            }

            if (id <= last)
            {
                return new HandledOutcome(HandledKind.AlreadyHandled);
            }

            State.LastEventId = id;
            if (id == last + 1)
            {
                return new HandledOutcome(HandledKind.Advanced);
            }

            var gap = new IdRange(last + 1, id - 1);
            var expires = createdAt + _backlogTimeout;
            if (_clock.Now >= expires)
            {
                return new HandledOutcome(HandledKind.GapDropped, gap);
            }

            State.Backlog.Add(gap.From, gap.To, expires);
            return new HandledOutcome(HandledKind.GapBacklogged, gap, expires);
        }
    }

    /// <summary>Drops the backlog ranges that expired by the site clock; log each once.</summary>
    public IReadOnlyList<BacklogRange> ExpireBacklog()
    {
        var now = _clock.Now;
        lock (State.Sync)
        {
            return State.Backlog.Expire(now);
        }
    }

    /// <summary>The lowest <paramref name="max"/> backlogged ids, to re-query by id.</summary>
    public IReadOnlyList<long> PendingBacklogIds(int max)
    {
        lock (State.Sync)
        {
            return State.Backlog.PendingIds(max);
        }
    }
}
