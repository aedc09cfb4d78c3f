using NLog;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// What the engine needs from the configuration. The configured values have no defaults here: their defaults live
/// once, with the keys, in <see cref="Config.DaemonSection"/>, and <see cref="Hosting.SettingsMapping"/> maps them. Only
/// the engine's own tuning, which no key sets, has its value here. <see cref="Validate"/> checks every value, so tests
/// and benchmarks that build options directly get the same errors as a config file.
/// </summary>
internal sealed record EngineOptions
{
    /// <summary>The state file (<c>[daemon] eventIdFile</c>).</summary>
    public required string StateFilePath { get; init; }

    /// <summary>The site's address, reported in the status file for <c>status</c>.</summary>
    public required Uri? SiteUri { get; init; }

    /// <summary>How long to wait after a read that was not full (<c>fetch_interval</c>).</summary>
    public required TimeSpan FetchInterval { get; init; }

    /// <summary>The most events one read returns (<c>max_event_batch_size</c>); also the crash bound per plugin.</summary>
    public required int MaxEventBatchSize { get; init; }

    /// <summary>While catching up, the most event-log reads in flight at once per reader (<c>max_parallel_reads</c>).</summary>
    public required int MaxParallelReads { get; init; }

    /// <summary>How long a missing id may take to appear, from the site time of the event after it (<c>backlog_timeout</c>).</summary>
    public required TimeSpan BacklogTimeout { get; init; }

    /// <summary>True to run plugins one after another in upstream order (<c>plugin_concurrency = serial</c>).</summary>
    public required bool Serial { get; init; }

    /// <summary>First start: null begins after the newest event; an id begins at the first event at or above it (<c>start_from</c>).</summary>
    public required long? StartFrom { get; init; }

    /// <summary>Null writes the state after every batch; otherwise at most this often (<c>state_checkpoint</c>).</summary>
    public required TimeSpan? CheckpointInterval { get; init; }

    /// <summary>The longest wait between attempts while the site is unreachable (<c>conn_retry_sleep</c>).</summary>
    public required TimeSpan MaxOutageBackoff { get; init; }

    /// <summary>How long a stop waits for the events in hand before it abandons them (<c>shutdown_timeout</c>).</summary>
    public required TimeSpan ShutdownTimeout { get; init; }

    /// <summary>Where the engine's own lines go (the <c>engine</c> logger); tests give a private factory to read them.</summary>
    public required LogFactory LogFactory { get; init; }

    /// <summary>
    /// How long a batch's state write waits for the plugins still working on it before it is written without them
    /// (their progress goes into the next write). Catching up, plugins in step pass a batch within milliseconds of
    /// each other; the limit matters when one is slow or stuck, and keeps the others' positions on disk within a blink
    /// of their work. A choice, not a measurement.
    /// </summary>
    public TimeSpan BoundPatience { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Batches a lane may have queued before the poller lets it go (at least 2: one in hand, one waiting). The batches are
    /// shared by every lane, so this bounds memory per daemon, not per lane; the slack keeps lanes that are merely
    /// descheduled for a moment (two cores, ten lanes) at the head.
    /// </summary>
    public int LaneQueueBatches { get; init; } = 8;

    /// <summary>The default of <see cref="CancellationGrace"/>.</summary>
    public static readonly TimeSpan DefaultCancellationGrace = TimeSpan.FromSeconds(2);

    /// <summary>After a stop's grace period, how long callbacks get to honour their cancelled token before they are abandoned.</summary>
    public TimeSpan CancellationGrace { get; init; } = DefaultCancellationGrace;

    /// <summary>Checks every value; throws <see cref="ArgumentOutOfRangeException"/> naming the first one out of range.</summary>
    public EngineOptions Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(StateFilePath);
        Positive(FetchInterval, nameof(FetchInterval), allowZero: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventBatchSize, 1, nameof(MaxEventBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParallelReads, 1, nameof(MaxParallelReads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxParallelReads, 32, nameof(MaxParallelReads));
        Positive(BacklogTimeout, nameof(BacklogTimeout), allowZero: true);
        if (StartFrom is { } startFrom)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(startFrom, 0, nameof(StartFrom));
        }

        if (CheckpointInterval is { } interval)
        {
            Positive(interval, nameof(CheckpointInterval), allowZero: false);
        }

        Positive(MaxOutageBackoff, nameof(MaxOutageBackoff), allowZero: false);
        Positive(ShutdownTimeout, nameof(ShutdownTimeout), allowZero: true);
        Positive(BoundPatience, nameof(BoundPatience), allowZero: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(LaneQueueBatches, 2, nameof(LaneQueueBatches));
        Positive(CancellationGrace, nameof(CancellationGrace), allowZero: true);
        return this;
    }

    private static void Positive(TimeSpan value, string name, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(name, value, allowZero ? "must not be negative" : "must be more than zero");
        }
    }
}
