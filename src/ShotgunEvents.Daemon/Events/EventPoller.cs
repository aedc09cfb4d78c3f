using System.Threading.Channels;
using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// The one loop that reads the site: the main forward query from the lowest position of the active plugins, the
/// backlog re-query by id, and dispatch to every plugin lane that wants each event.
/// </summary>
internal sealed class EventPoller
{
    /// <summary>Backlog ranges up to this many ids are asked for with <c>id in [...]</c>; longer ones with <c>between</c>.</summary>
    private const int SmallRange = 50;

    private static readonly TimeSpan MinBacklogInterval = TimeSpan.FromSeconds(1);

    private readonly SiteEventSource _source;
    private readonly EngineOptions _options;
    private readonly Func<IReadOnlyList<PluginWorker>> _workers;
    private readonly SiteClock _siteClock;
    private readonly TimeProvider _timeProvider;
    private readonly OutageTracker _outage;
    private readonly Logger _log;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _lastBacklogQuery;
    private long _polls;

    /// <summary>Main queries started ahead of their cycle, in id order; the head is the next cycle's read.</summary>
    private readonly Queue<PrefetchedRead> _ahead = new();
    private readonly ReadWindow _window;
    private readonly RangePlanner _planner;
    private readonly Action _onBatchDrained;
    private int _openBatches;

    public EventPoller(SiteEventSource source, EngineOptions options, Func<IReadOnlyList<PluginWorker>> workers, SiteClock siteClock, TimeProvider timeProvider)
    {
        _source = source;
        _options = options;
        _workers = workers;
        _siteClock = siteClock;
        _timeProvider = timeProvider;
        _log = options.LogFactory.GetLogger(LoggerNames.Engine);
        _outage = new OutageTracker(timeProvider, options.MaxOutageBackoff, _log);
        _lastBacklogQuery = -1;
        _window = new ReadWindow(Math.Max(1, options.MaxParallelReads), timeProvider);
        _planner = new RangePlanner(options.MaxEventBatchSize);
        source.Throttled += OnThrottled;
        _onBatchDrained = () =>
        {
            Interlocked.Decrement(ref _openBatches);
            BatchDrained?.Invoke();
        };
    }

    /// <summary>Raised after each poll cycle (a main query and its dispatch); the engine checkpoints here.</summary>
    public event Action? CycleCompleted;

    /// <summary>
    /// Raised once per dispatched batch, when every lane that got part of it has handled that part (on the thread of
    /// the lane that finished last): the engine's one checkpoint per batch. Must be quick and must not throw.
    /// </summary>
    public event Action? BatchDrained;

    /// <summary>Batches dispatched to the lanes and not yet handled by all of them.</summary>
    public int OpenBatches => Volatile.Read(ref _openBatches);

    /// <summary>Main queries made so far.</summary>
    public long PollCount => Interlocked.Read(ref _polls);

    /// <summary>Failed main cycles in a row (readiness).</summary>
    public int FailedAttempts => _outage.Failures;

    /// <summary>How many catch-up reads may be in flight now (halved by a site under pressure, grown back by successes).</summary>
    public int ReadWindowSize => _window.Size;

    /// <summary>The most catch-up reads that were in flight at once since start.</summary>
    public int PeakReadsInFlight { get; private set; }

    /// <summary>Ends the current wait early: a plugin came back or was added and needs events.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Polls until <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken callbackCancellation)
    {
        try
        {
            await PollLoopAsync(stopping, callbackCancellation).ConfigureAwait(false);
        }
        finally
        {
            DropReadAhead();
        }
    }

    private async Task PollLoopAsync(CancellationToken stopping, CancellationToken callbackCancellation)
    {
        while (!stopping.IsCancellationRequested)
        {
            bool fullBatch;
            try
            {
                fullBatch = await PollOnceAsync(stopping, callbackCancellation).ConfigureAwait(false);
                _outage.Succeeded();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is ShotgunError or HttpRequestException or TimeoutException or OperationCanceledException)
            {
                if (ex is ProtocolError { StatusCode: 429 or >= 500 })
                {
                    _window.Throttled(null);
                }

                await WaitAsync(_outage.Failed(ex), stopping).ConfigureAwait(false);
                continue;
            }

            CycleCompleted?.Invoke();

            if (!fullBatch)
            {
                await WaitAsync(_options.FetchInterval, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One cycle; returns true when the main query came back full (more is waiting: poll again at once).</summary>
    internal async Task<bool> PollOnceAsync(CancellationToken stopping, CancellationToken callbackCancellation)
    {
        var workers = _workers();
        foreach (var worker in workers)
        {
            worker.ExpireBacklog();
        }

        var active = workers.Where(w => w.IsActive).ToArray();
        if (active.Length == 0)
        {
            return false;
        }

        await QueryBacklogAsync(active, stopping, callbackCancellation).ConfigureAwait(false);

        var from = active.Min(w => w.NextFetchId);
        var (events, range) = await ReadMainAsync(from, stopping).ConfigureAwait(false);
        Interlocked.Increment(ref _polls);
        bool full;
        if (range is { } read)
        {
            // A catch-up range: go on while it reaches its last id; one that stops short may end at the site's newest
            // event, so what the later ranges hold is not used (and an empty one is no gap).
            full = RangePlanner.ReachedEnd(read, events);
            if (full)
            {
                ReadAhead(stopping);
            }
            else
            {
                DropReadAhead();
                full = events.Count > 0;
            }
        }
        else
        {
            full = events.Count >= _options.MaxEventBatchSize;
            if (full)
            {
                // Catching up: the next reads are known now, so the site works on them while this cycle dispatches
                // and checkpoints. They are used only if the next cycle asks for exactly the same thing.
                StartReadAhead(events[^1].Id + 1, stopping);
            }
        }

        if (events.Count > 0)
        {
            _siteClock.Observe(events[^1].CreatedAt);
            _log.Debug("Got {0} events: {1} to {2}.", events.Count, events[0].Id, events[^1].Id);
            await DispatchAsync(events, active, stopping, callbackCancellation).ConfigureAwait(false);
        }

        return full;
    }

    /// <summary>
    /// The main query from <paramref name="from"/>: the read started ahead of time if it is that one, else a new one
    /// (after any <c>Retry-After</c> the site asked for). Returns the range when it was a catch-up range read.
    /// </summary>
    private async Task<(IReadOnlyList<ShotgunEvent> Events, IdRange? Range)> ReadMainAsync(long from, CancellationToken stopping)
    {
        if (_ahead.TryPeek(out var head))
        {
            if (head.From == from)
            {
                _ahead.Dequeue();
                IReadOnlyList<ShotgunEvent> events;
                try
                {
                    events = await head.Read.ConfigureAwait(false);
                }
                catch
                {
                    // The outage path takes over; it starts again with one read from the cursor.
                    DropReadAhead();
                    throw;
                }

                _window.Succeeded();
                return (events, head.To is { } to ? new IdRange(head.From, to) : null);
            }

            // A plugin came back or was added behind the others during the cycle: those reads start too late.
            DropReadAhead();
        }

        if (_window.HoldRemaining is { } hold && hold > TimeSpan.Zero)
        {
            await Task.Delay(hold, _timeProvider, stopping).ConfigureAwait(false);
        }

        var read = await _source.ReadAfterAsync((int)(from - 1), _options.MaxEventBatchSize, stopping).ConfigureAwait(false);
        _window.Succeeded();
        return (read, null);
    }

    /// <summary>After a full open read: the next page (one at a time), or the ranges ahead of <paramref name="next"/>.</summary>
    private void StartReadAhead(long next, CancellationToken stopping)
    {
        DropReadAhead();
        if (_window.Max == 1)
        {
            _ahead.Enqueue(new PrefetchedRead(next, null, _source.ReadAfterAsync((int)(next - 1), _options.MaxEventBatchSize, stopping)));
            return;
        }

        _planner.Reset(next);
        ReadAhead(stopping);
    }

    /// <summary>Fills the window with the next ranges, unless the site asked to wait.</summary>
    private void ReadAhead(CancellationToken stopping)
    {
        if (_window.HoldRemaining > TimeSpan.Zero)
        {
            return;
        }

        while (_ahead.Count < _window.Size)
        {
            var range = _planner.Next();
            _ahead.Enqueue(new PrefetchedRead(range.From, range.To, _source.ReadRangeAsync((int)range.From, (int)range.To, stopping)));
        }

        PeakReadsInFlight = Math.Max(PeakReadsInFlight, _ahead.Count);
    }

    private void DropReadAhead()
    {
        while (_ahead.TryDequeue(out var read))
        {
            Observe(read.Read);
        }
    }

    private void OnThrottled(TimeSpan? retryAfter)
    {
        _window.Throttled(retryAfter);
        _log.Info("The site answered a read with HTTP 429 or 5xx{0}: at most {1} read(s) in flight now.",
            retryAfter is { } wait ? $" (Retry-After {wait.TotalSeconds:0.###} s)" : string.Empty, _window.Size);
    }

    /// <summary>A read nobody awaits any more: its failure (or cancellation at stop) is of no interest.</summary>
    private static void Observe(Task read) =>
        _ = read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private async Task QueryBacklogAsync(PluginWorker[] active, CancellationToken stopping, CancellationToken callbackCancellation)
    {
        if (_lastBacklogQuery >= 0 && _timeProvider.GetElapsedTime(_lastBacklogQuery) < Max(_options.FetchInterval, MinBacklogInterval))
        {
            return;
        }

        var ranges = Merge(active.SelectMany(w => w.PendingBacklog()));
        if (ranges.Count == 0)
        {
            return;
        }

        _lastBacklogQuery = _timeProvider.GetTimestamp();
        var found = new List<ShotgunEvent>();
        var smallIds = ranges.Where(r => r.Count <= SmallRange)
            .SelectMany(r => Enumerable.Range(0, (int)r.Count).Select(i => (int)(r.From + i)))
            .ToArray();
        if (smallIds.Length > 0)
        {
            found.AddRange(await _source.ReadIdsAsync(smallIds, stopping).ConfigureAwait(false));
        }

        foreach (var range in ranges.Where(r => r.Count > SmallRange))
        {
            found.AddRange(await _source.ReadRangeAsync((int)range.From, (int)range.To, stopping).ConfigureAwait(false));
        }

        if (found.Count > 0)
        {
            found.Sort((a, b) => a.Id.CompareTo(b.Id));
            await DispatchAsync(found, active, stopping, callbackCancellation).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(IReadOnlyList<ShotgunEvent> events, PluginWorker[] workers, CancellationToken stopping, CancellationToken callbackCancellation)
    {
        if (_options.Serial)
        {
            foreach (var evt in events)
            {
                foreach (var worker in workers)
                {
                    if (worker.Wants(evt))
                    {
                        stopping.ThrowIfCancellationRequested();
                        await worker.HandleNowAsync(evt, callbackCancellation).ConfigureAwait(false);
                    }
                }
            }

            return;
        }

        // Lane by lane: a lane gets its share of the batch in one go, so it wakes once per batch rather than once per
        // event (waking ten lanes per event cost more than the callbacks). A full lane does not keep the batch from
        // the lanes after it: they are filled first, then the full ones are waited on, each still in id order. The
        // last event of each lane's share carries the batch's ticket, so the ticket tells when every lane is through.
        Interlocked.Increment(ref _openBatches);
        var ticket = new BatchTicket(_onBatchDrained);
        List<(PluginWorker Worker, ValueTask Pending, int Next, int Last)>? full = null;
        foreach (var worker in workers)
        {
            var last = LastWanted(worker, events);
            for (var i = 0; i <= last; i++)
            {
                if (!worker.Wants(events[i]))
                {
                    continue;
                }

                var enqueued = worker.EnqueueAsync(events[i], i == last ? ticket : null, stopping);
                if (!enqueued.IsCompletedSuccessfully)
                {
                    (full ??= []).Add((worker, enqueued, i + 1, last));
                    break;
                }
            }
        }

        if (full is not null)
        {
            foreach (var (worker, pending, next, last) in full)
            {
                await pending.ConfigureAwait(false);
                for (var i = next; i <= last; i++)
                {
                    if (worker.Wants(events[i]))
                    {
                        await worker.EnqueueAsync(events[i], i == last ? ticket : null, stopping).ConfigureAwait(false);
                    }
                }
            }
        }

        ticket.Seal();
    }

    /// <summary>The index of the last event of the batch the lane wants (usually the batch's last), or -1.</summary>
    private static int LastWanted(PluginWorker worker, IReadOnlyList<ShotgunEvent> events)
    {
        // Queuing the earlier events does not change what the lane wants of the later ones (ids only grow).
        var last = events.Count - 1;
        while (last >= 0 && !worker.Wants(events[last]))
        {
            last--;
        }

        return last;
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stopping)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var sleep = Task.Delay(delay, _timeProvider, linked.Token);
        var wake = _wake.Reader.ReadAsync(linked.Token).AsTask();
        await Task.WhenAny(sleep, wake).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(sleep, wake).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Several plugins often miss the same ids: ask for each id once.</summary>
    private static List<IdRange> Merge(IEnumerable<IdRange> ranges)
    {
        var merged = new List<IdRange>();
        foreach (var range in ranges.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && range.From <= merged[^1].To + 1)
            {
                merged[^1] = merged[^1] with { To = Math.Max(merged[^1].To, range.To) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
