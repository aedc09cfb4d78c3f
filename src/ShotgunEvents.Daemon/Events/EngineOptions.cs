using NLog;

namespace ShotgunEvents.Daemon.Events;

/// <summary>What the engine needs from the configuration, already validated.</summary>
internal sealed record EngineOptions
{
    /// <summary>The state file (<c>[daemon] eventIdFile</c>).</summary>
    public required string StateFilePath { get; init; }

    /// <summary>The site's address, reported in the status file for <c>status</c>.</summary>
    public Uri? SiteUri { get; init; }

    /// <summary>How long to wait after a batch that was not full.</summary>
    public TimeSpan FetchInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most events one main query returns.</summary>
    public int MaxEventBatchSize { get; init; } = 500;

    /// <summary>While catching up, the most event-log reads in flight at once (<c>max_parallel_reads</c>); 1 reads one page at a time.</summary>
    public int MaxParallelReads { get; init; } = 4;

    /// <summary>How long a missing id may take to appear, measured from the site time of the event after it.</summary>
    public TimeSpan BacklogTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>True to run plugins one after another in upstream order instead of concurrently.</summary>
    public bool Serial { get; init; }

    /// <summary>First start: null begins after the newest event; an id begins at the first event at or above it.</summary>
    public long? StartFrom { get; init; }

    /// <summary>Null writes the state after every batch; otherwise at most this often.</summary>
    public TimeSpan? CheckpointInterval { get; init; }

    /// <summary>The longest wait between attempts while the site is unreachable (<c>conn_retry_sleep</c>).</summary>
    public TimeSpan MaxOutageBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long stopping waits for each plugin to finish the event in hand.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events a plugin's queue holds before the poller waits for it.</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>The default of <see cref="BoundPatience"/>.</summary>
    public static readonly TimeSpan DefaultBoundPatience = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a lane at its crash bound waits for the batch write the other lanes are about to trigger before it asks
    /// for a write itself. Catching up, lanes in step pass a batch within milliseconds of each other; the limit only
    /// matters when the lane waited for is stuck in a callback, and keeps the others' delay to a blink once per batch.
    /// The figure is a choice, not a measurement.
    /// </summary>
    public TimeSpan BoundPatience { get; init; } = DefaultBoundPatience;

    /// <summary>Where the engine's own lines go (the <c>engine</c> logger); tests give a private factory to read them.</summary>
    public LogFactory LogFactory { get; init; } = LogManager.LogFactory;
}
