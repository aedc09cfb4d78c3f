using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events.Lanes;

/// <summary>
/// One plugin's side of delivery: which events it still wants, running one through the plugin, the crash bound
/// before it, and the position after it. The same code serves both concurrency modes: it is driven by the plugin's
/// <see cref="PluginLane"/> loop, or in serial mode by the poll loop.
/// </summary>
/// <remarks>
/// Owner: the loop that drives it (one at a time; a lane loop that lost its plugin call to an abandonment stops touching
/// it, and the loop that replaces it takes over). <see cref="Progress"/> is published with one reference write after
/// every change, for the state writer and the status readers; the poll loop alone writes <see cref="SetLetGo"/>.
/// </remarks>
internal sealed class PluginDelivery
{
    private readonly DeliveryContext _context;
    private PluginState _state;
    private DeliveryProgress _progress;
    private long _handled;
    private long _covered;
    private int _mode;
    private long _modeSince;
    private bool _letGo;

    /// <summary>Creates the delivery of <paramref name="plugin"/> from its saved position.</summary>
    /// <param name="id">A number unique in this daemon, the plugin's name for the checkpoint bookkeeping.</param>
    /// <param name="plugin">The plugin.</param>
    /// <param name="stateKey">Its collection's key in the state file.</param>
    /// <param name="initial">Its position (with a last id: the engine applies <c>start_from</c> before).</param>
    /// <param name="context">What every delivery shares.</param>
    public PluginDelivery(int id, Plugin plugin, string stateKey, PluginState initial, DeliveryContext context)
    {
        Id = id;
        Plugin = plugin;
        StateKey = stateKey;
        _context = context;
        _state = initial;
        _progress = new DeliveryProgress(initial, 0, null);
    }

    /// <summary>The plugin's number in this daemon.</summary>
    public int Id { get; }

    /// <summary>The plugin.</summary>
    public Plugin Plugin { get; }

    /// <summary>Its collection's key in the state file.</summary>
    public string StateKey { get; }

    /// <summary>The latest published position, handled count and last event time (any thread).</summary>
    public DeliveryProgress Progress => Volatile.Read(ref _progress);

    /// <summary>How the plugin gets its events now (published).</summary>
    public DeliveryMode Mode => (DeliveryMode)Volatile.Read(ref _mode);

    /// <summary>
    /// How the plugin gets its events as status and metrics report it: its own <see cref="Mode"/>, except that a plugin
    /// the poller has let go counts as detached at once, while its lane still works through (or is stuck in) the batches
    /// queued before.
    /// </summary>
    public DeliveryMode ReportedMode => Mode == DeliveryMode.Attached && Volatile.Read(ref _letGo) ? DeliveryMode.Detached : Mode;

    /// <summary>When <see cref="Mode"/> last changed (a <see cref="TimeProvider"/> timestamp; published).</summary>
    public long ModeSince => Volatile.Read(ref _modeSince);

    /// <summary>The last handled id (owner).</summary>
    public long Position => _state.LastEventId ?? 0;

    /// <summary>The backlog (owner).</summary>
    public Backlog Backlog => _state.Backlog;

    /// <summary>True when the plugin has not had <paramref name="id"/> yet (owner).</summary>
    public bool Wants(long id) => _state.Wants(id);

    /// <summary>
    /// Runs <paramref name="evt"/> through the plugin unless it had it already: first, at the crash bound, waits for the
    /// state writer; then the callbacks; then the position moves.
    /// </summary>
    /// <param name="evt">The event.</param>
    /// <param name="stopping">Cancelled when the daemon stops: ends a wait at the bound.</param>
    /// <param name="callbacks">Handed to the callbacks; cancelled when the stop's grace period ends.</param>
    public async ValueTask<DeliveryOutcome> DeliverAsync(ShotgunEvent evt, CancellationToken stopping, CancellationToken callbacks)
    {
        if (!_state.Wants(evt.Id))
        {
            return DeliveryOutcome.Skipped;
        }

        if (!Plugin.IsActive)
        {
            return DeliveryOutcome.Stopped;
        }

        // The crash bound: never more than a batch of handled events the file does not hold. What the last write held
        // may be enough already (then the writer answers at once), else the writer writes, or says when the batch's
        // write is due.
        if (_context.CrashBound is { } bound && _handled - _covered >= bound)
        {
            _covered = await _context.Checkpoints.WaitForAsync(Id, _handled - bound + 1, stopping).ConfigureAwait(false);
        }

        switch (await Plugin.ProcessAsync(evt, callbacks).ConfigureAwait(false))
        {
            case PluginOutcome.Handled:
                OnHandled(evt);
                return DeliveryOutcome.Handled;
            case PluginOutcome.Abandoned:
                return DeliveryOutcome.Abandoned;
            case PluginOutcome.Failed:
                _context.Log.Error("Plugin {0} stopped at event {1} (stopOnError); it resumes there once its file is fixed.", Plugin.Name, evt.Id);
                return DeliveryOutcome.Stopped;
            default:
                return DeliveryOutcome.Stopped;
        }
    }

    /// <summary>The poller no longer feeds the plugin (true) or feeds it again (false). Poll loop only.</summary>
    public void SetLetGo(bool letGo) => Volatile.Write(ref _letGo, letGo);

    /// <summary>Records how the plugin gets its events now (owner); returns the mode it had.</summary>
    public DeliveryMode SetMode(DeliveryMode mode, long now)
    {
        var previous = Mode;
        Volatile.Write(ref _modeSince, now);
        Volatile.Write(ref _mode, (int)mode);
        return previous;
    }

    /// <summary>Drops the backlog ranges whose time is up, logging each once; true when something expired (owner).</summary>
    public bool ExpireBacklog()
    {
        if (_state.Backlog.IsEmpty)
        {
            return false;
        }

        var state = _state.Expire(_context.Clock.Now, out var expired);
        if (expired.Count == 0)
        {
            return false;
        }

        Publish(state, _progress.LastCreatedAt);
        foreach (var range in expired)
        {
            _context.Log.Warn("Plugin {0}: event(s) {1} never appeared within the backlog timeout; giving up on them.", Plugin.Name, range.Ids);
        }

        _context.Checkpoints.Changed();
        return true;
    }

    private void OnHandled(ShotgunEvent evt)
    {
        // The event proves the site's clock has reached its created_at.
        _context.Clock.Observe(evt.CreatedAt);
        var state = _state.Handle(evt.Id, evt.CreatedAt, _context.BacklogTimeout, _context.Clock.Now, out var outcome);
        _handled++;
        Publish(state, evt.CreatedAt);
        switch (outcome.Kind)
        {
            case HandledKind.FilledFromBacklog:
                _context.Log.Info("Plugin {0}: processed late event {1} from the backlog.", Plugin.Name, evt.Id);
                break;
            case HandledKind.GapBacklogged:
                _context.Log.Info("Plugin {0}: event(s) {1} not visible yet; waiting for them until {2:u} (site time).",
                    Plugin.Name, outcome.Gap, outcome.Expires);
                break;
            case HandledKind.GapDropped:
                _context.Log.Info("Plugin {0}: event(s) {1} never happened (older than the backlog timeout); ignoring.", Plugin.Name, outcome.Gap);
                break;
        }
    }

    private void Publish(PluginState state, DateTimeOffset? lastCreatedAt)
    {
        _state = state;
        Volatile.Write(ref _progress, new DeliveryProgress(state, _handled, lastCreatedAt));
    }
}
