using ShotgunEvents.Api;
using ShotgunEvents.Client.EventLog;

namespace ShotgunEvents.Daemon.Events.Reading;

/// <summary>
/// Reads the event log forward for one consumer: the poller at the head, or a lane catching up on its own. A read
/// after the position comes first; once one comes back full (more is waiting), the next ranges of one batch each are
/// read ahead, as many in flight as the shared <see cref="ReadWindow"/> allows, and handed out in id order while the
/// consumer works on the previous one. A range that stops short may end at the site's newest event, so the ranges
/// after it are dropped and the next read starts again after the position. Owned by its consumer's loop: not
/// thread-safe.
/// </summary>
internal sealed class CatchUpReader : IDisposable
{
    private readonly IEventLogReader _log;
    private readonly int _batchSize;
    private readonly ReadWindow _window;
    private readonly TimeProvider _time;
    private readonly RangePlanner _planner;

    /// <summary>Reads started ahead of their turn, in id order; the head is the next one handed out.</summary>
    private readonly Queue<PrefetchedRead> _ahead = new();

    /// <summary>Creates a reader; nothing is read until <see cref="NextAsync"/>.</summary>
    /// <param name="log">The site's event log.</param>
    /// <param name="batchSize">Events per read (<c>max_event_batch_size</c>).</param>
    /// <param name="window">How many reads may be in flight; shared by every reader, since it measures the site.</param>
    /// <param name="time">The clock of the site's <c>Retry-After</c>.</param>
    public CatchUpReader(IEventLogReader log, int batchSize, ReadWindow window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _log = log;
        _batchSize = batchSize;
        _window = window;
        _time = time;
        _planner = new RangePlanner(batchSize);
    }

    /// <summary>The most reads this reader had in flight at once.</summary>
    public int PeakReadsInFlight { get; private set; }

    /// <summary>
    /// The events from <paramref name="from"/> on: the read started ahead for exactly that id if there is one, else a
    /// new read (after any <c>Retry-After</c> the site asked for).
    /// </summary>
    /// <param name="from">The first id wanted (the consumer's position + 1).</param>
    /// <param name="cancellationToken">Cancels the wait; reads in flight are dropped.</param>
    /// <exception cref="ShotgunError">The site failed; the read-ahead is dropped, the next call starts again at <paramref name="from"/>.</exception>
    public async Task<EventPage> NextAsync(long from, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(from, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (ex is ProtocolError { StatusCode: 429 or >= 500 })
            {
                _window.Throttled(null);
            }

            DropReadAhead();
            throw;
        }
    }

    /// <summary>Drops the reads started ahead (the consumer moves elsewhere, or stops).</summary>
    public void Dispose() => DropReadAhead();

    private async Task<EventPage> ReadAsync(long from, CancellationToken cancellationToken)
    {
        if (_ahead.TryPeek(out var head) && head.From != from)
        {
            // The consumer moved (a lane rejoined behind, the poller jumped ahead): those reads start in the wrong place.
            DropReadAhead();
        }

        if (_ahead.TryDequeue(out var ahead))
        {
            IReadOnlyList<ShotgunEvent> events;
            try
            {
                events = await ahead.Read.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Observe(ahead.Read);
                throw;
            }

            _window.Succeeded();
            if (ahead.To is not { } to)
            {
                return AfterOpenRead(events, cancellationToken);
            }

            if (RangePlanner.ReachedEnd(new(ahead.From, to), events))
            {
                ReadAhead(cancellationToken);
                return new EventPage(events, More: true);
            }

            // Short: this may be the site's newest event. What the later ranges hold is not used (and an empty one is no gap).
            DropReadAhead();
            return new EventPage(events, More: events.Count > 0);
        }

        if (_window.HoldRemaining is { } hold && hold > TimeSpan.Zero)
        {
            await Task.Delay(hold, _time, cancellationToken).ConfigureAwait(false);
        }

        var read = await _log.ReadAfterAsync(from - 1, _batchSize, cancellationToken).ConfigureAwait(false);
        _window.Succeeded();
        return AfterOpenRead(read, cancellationToken);
    }

    /// <summary>After a read of the next batch: when full, the reads after it start now, while the consumer works.</summary>
    private EventPage AfterOpenRead(IReadOnlyList<ShotgunEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count < _batchSize)
        {
            return new EventPage(events, More: false);
        }

        var next = events[^1].Id + 1L;
        if (_window.Max == 1)
        {
            _ahead.Enqueue(new PrefetchedRead(next, null, _log.ReadAfterAsync(next - 1, _batchSize, cancellationToken)));
        }
        else
        {
            _planner.Reset(next);
            ReadAhead(cancellationToken);
        }

        return new EventPage(events, More: true);
    }

    /// <summary>Fills the window with the next ranges, unless the site asked to wait.</summary>
    private void ReadAhead(CancellationToken cancellationToken)
    {
        if (_window.HoldRemaining > TimeSpan.Zero)
        {
            return;
        }

        while (_ahead.Count < _window.Size)
        {
            var range = _planner.Next();
            _ahead.Enqueue(new PrefetchedRead(range.From, range.To, _log.ReadRangeAsync(range.From, range.To, cancellationToken)));
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

    /// <summary>A read nobody awaits any more: its failure (or cancellation at stop) is of no interest.</summary>
    private static void Observe(Task read) =>
        _ = read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
