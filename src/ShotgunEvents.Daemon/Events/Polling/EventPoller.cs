using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Client.EventLog;
using ShotgunEvents.Daemon.Events.Reading;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events.Polling;

/// <summary>
/// The shared read-ahead at the head of the site's event log: each cycle it reads the messages posted to it, reads the
/// next events the plugins need (at once again after a full read, else after <c>fetch_interval</c> or a wake), hands
/// them to the <see cref="IDispatcher"/>, and keeps the site's newest event for everyone's lag (one cheap read when no
/// plugin is at the head). A failing site gets bounded back-off and one log line per outage.
/// </summary>
/// <remarks>
/// Owner: the poll loop owns the reader, the outage tracker and the dispatcher. <see cref="SiteHead"/>,
/// <see cref="PollCount"/>, <see cref="FailedAttempts"/> and <see cref="LastSuccess"/> are published for readers.
/// </remarks>
internal sealed class EventPoller : IDisposable
{
    private readonly IEventLogReader _log;
    private readonly CatchUpReader _reader;
    private readonly IDispatcher _dispatcher;
    private readonly PollerInbox _inbox;
    private readonly SiteClock _clock;
    private readonly TimeSpan _fetchInterval;
    private readonly TimeProvider _time;
    private readonly OutageTracker _outage;
    private long _latestAskedAt = long.MinValue;

    // Published.
    private SiteHead? _siteHead;
    private long _polls;
    private long _lastSuccess;

    /// <summary>Creates the poller; nothing is read until <see cref="RunAsync"/>.</summary>
    /// <param name="log">The site's event log.</param>
    /// <param name="reader">The head's reader.</param>
    /// <param name="dispatcher">Where events go.</param>
    /// <param name="inbox">The poller's mailbox.</param>
    /// <param name="clock">The site clock, fed with the newest event of each read.</param>
    /// <param name="fetchInterval">How long to wait after a read that was not full.</param>
    /// <param name="maxOutageBackoff">The longest wait between attempts while the site fails.</param>
    /// <param name="time">The clock.</param>
    /// <param name="engineLog">The engine logger.</param>
    public EventPoller(IEventLogReader log, CatchUpReader reader, IDispatcher dispatcher, PollerInbox inbox, SiteClock clock,
        TimeSpan fetchInterval, TimeSpan maxOutageBackoff, TimeProvider time, Logger engineLog)
    {
        _log = log;
        _reader = reader;
        _dispatcher = dispatcher;
        _inbox = inbox;
        _clock = clock;
        _fetchInterval = fetchInterval;
        _time = time;
        _outage = new OutageTracker(time, maxOutageBackoff, engineLog);
        _lastSuccess = time.GetTimestamp();
    }

    /// <summary>
    /// Raised after every pass of the poll loop, whether the site answered or not (the systemd watchdog's ping: a loop
    /// that keeps trying a site that is down is alive; one that hangs is not). Must be quick and must not throw.
    /// </summary>
    public event Action? Polled;

    /// <summary>The site's newest event as last seen, or null before the first poll.</summary>
    public SiteHead? SiteHead => Volatile.Read(ref _siteHead);

    /// <summary>Main reads made so far.</summary>
    public long PollCount => Interlocked.Read(ref _polls);

    /// <summary>Failed cycles in a row (readiness).</summary>
    public int FailedAttempts => _outage.Failures;

    /// <summary>When the last cycle succeeded (a <see cref="TimeProvider"/> timestamp; the start until the first).</summary>
    public long LastSuccess => Interlocked.Read(ref _lastSuccess);

    /// <summary>The most reads the head's reader had in flight at once.</summary>
    public int PeakReadsInFlight => _reader.PeakReadsInFlight;

    /// <summary>Polls until <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            bool more;
            try
            {
                more = await PollOnceAsync(stopping).ConfigureAwait(false);
                _outage.Succeeded();
                Interlocked.Exchange(ref _lastSuccess, _time.GetTimestamp());
                Polled?.Invoke();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is ShotgunError or HttpRequestException or TimeoutException or OperationCanceledException)
            {
                Polled?.Invoke();
                // The back-off is not cut short by a wake: a webhook ringing during an outage must not hammer the site.
                await BackOffAsync(_outage.Failed(ex), stopping).ConfigureAwait(false);
                continue;
            }

            if (!more)
            {
                await WaitAsync(_fetchInterval, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drops the head's read-ahead.</summary>
    public void Dispose() => _reader.Dispose();

    /// <summary>One cycle; true when more is waiting (poll again at once).</summary>
    private async Task<bool> PollOnceAsync(CancellationToken stopping)
    {
        while (_inbox.TryRead(out var message))
        {
            _dispatcher.Apply(message);
        }

        await _dispatcher.BeforeReadAsync(stopping).ConfigureAwait(false);
        if (_dispatcher.NextReadFrom is not { } from)
        {
            // Nobody needs events now (all let go, inactive, or full): keep the site's newest for their lag.
            await RefreshSiteHeadAsync(stopping).ConfigureAwait(false);
            return false;
        }

        var page = await _reader.NextAsync(from, stopping).ConfigureAwait(false);
        Interlocked.Increment(ref _polls);
        var events = page.Events;
        if (events.Count > 0)
        {
            _clock.Observe(events[^1].CreatedAt);
            Publish(events[^1]);
            await _dispatcher.DispatchAsync(events, stopping).ConfigureAwait(false);
        }

        // A short read at the head reached the site's newest event: what was read is the head. Otherwise (catching up,
        // or nobody at the head) the site may be further on: ask for its newest row, at most once per fetch_interval.
        if (page.More || !_dispatcher.AtHead)
        {
            await RefreshSiteHeadAsync(stopping).ConfigureAwait(false);
        }

        return page.More;
    }

    /// <summary>The newest event, asked for at most once per <c>fetch_interval</c> (one row).</summary>
    private async Task RefreshSiteHeadAsync(CancellationToken stopping)
    {
        if (_latestAskedAt != long.MinValue && _time.GetElapsedTime(_latestAskedAt) < _fetchInterval)
        {
            return;
        }

        _latestAskedAt = _time.GetTimestamp();
        Publish(await _log.LatestAsync(stopping).ConfigureAwait(false));
    }

    /// <summary>The site head becomes <paramref name="newest"/> unless it knows a newer event already; null: the log is empty.</summary>
    private void Publish(ShotgunEvent? newest)
    {
        var previous = SiteHead;
        if (previous is not null && (newest is null || newest.Id <= previous.Id))
        {
            Volatile.Write(ref _siteHead, previous with { SeenAt = _time.GetTimestamp() });
            return;
        }

        Volatile.Write(ref _siteHead, new SiteHead(newest?.Id ?? 0, newest?.CreatedAt, _time.GetTimestamp()));
    }

    private async Task BackOffAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await _inbox.WaitAsync(delay, _time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
