using Microsoft.Extensions.Time.Testing;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

/// <summary>The position rules of <see cref="PluginState"/>: advance, gaps, late events, expiry, all on the site's clock.</summary>
public sealed class PluginStateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // The local wall clock is years off on purpose: only site time may matter.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly DateTimeOffset _site = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SiteClock _clock;

    public PluginStateTests()
    {
        _clock = new SiteClock(_time);
        _clock.Observe(_site);
    }

    private Cursor NewCursor(long? last) => new(new PluginState(last), Timeout, _clock);

    [Fact]
    public void OnHandled_NextId_Advances()
    {
        var cursor = NewCursor(100);

        var outcome = cursor.OnHandled(101, _site);

        Assert.Equal(HandledKind.Advanced, outcome.Kind);
        Assert.Equal(101, cursor.State.LastEventId);
        Assert.True(cursor.State.Backlog.IsEmpty);
    }

    [Fact]
    public void OnHandled_NeverRan_TakesTheFirstEventWithoutAGap()
    {
        var cursor = NewCursor(null);

        Assert.True(cursor.ShouldDeliver(5_000));
        Assert.Equal(HandledKind.Advanced, cursor.OnHandled(5_000, _site).Kind);
        Assert.Equal(5_000, cursor.State.LastEventId);
        Assert.True(cursor.State.Backlog.IsEmpty);
    }

    [Fact]
    public void OnHandled_Gap_BackloggedAsOneRangeExpiringAfterTheEventsCreatedAt()
    {
        var cursor = NewCursor(100);
        var createdAt = _site.AddSeconds(-30);

        var outcome = cursor.OnHandled(105, createdAt);

        Assert.Equal(new HandledOutcome(HandledKind.GapBacklogged, new IdRange(101, 104), createdAt + Timeout), outcome);
        Assert.Equal(105, cursor.State.LastEventId);
        var range = Assert.Single(cursor.State.Backlog.Ranges);
        Assert.Equal((101L, 104L, createdAt + Timeout), (range.From, range.To, range.Expires));
    }

    [Fact]
    public void OnHandled_GapAlreadyOlderThanTheTimeoutOnTheSiteClock_DroppedAndReportedOnce()
    {
        var cursor = NewCursor(100);

        var outcome = cursor.OnHandled(200, _site - Timeout);

        Assert.Equal(HandledKind.GapDropped, outcome.Kind);
        Assert.Equal(new IdRange(101, 199), outcome.Gap);
        Assert.Equal(200, cursor.State.LastEventId);
        Assert.True(cursor.State.Backlog.IsEmpty);
    }

    [Fact]
    public void LateEvent_DeliveredOnce_AndNothingAfterItIsRedelivered()
    {
        // Upstream §5.4: 101, 103, 104 handled; 102 appears; upstream then delivered 102, 103 and 104 again.
        var cursor = NewCursor(100);
        foreach (var id in new long[] { 101, 103, 104 })
        {
            Assert.True(cursor.ShouldDeliver(id));
            cursor.OnHandled(id, _site);
        }

        Assert.True(cursor.ShouldDeliver(102));
        Assert.Equal(HandledKind.FilledFromBacklog, cursor.OnHandled(102, _site).Kind);

        Assert.Equal(104, cursor.State.LastEventId);
        Assert.Equal(104, cursor.State.LastEventId);
        Assert.All(new long[] { 101, 102, 103, 104 }, id => Assert.False(cursor.ShouldDeliver(id)));
        Assert.True(cursor.State.Backlog.IsEmpty);
        Assert.Equal(HandledKind.AlreadyHandled, cursor.OnHandled(102, _site).Kind);
        Assert.Equal(HandledKind.AlreadyHandled, cursor.OnHandled(103, _site).Kind);
        Assert.Equal(104, cursor.State.LastEventId);
    }

    [Fact]
    public void ExpireBacklog_ByTheSiteClock_EachRangeOnce()
    {
        var cursor = NewCursor(100);
        cursor.OnHandled(103, _site);
        cursor.OnHandled(110, _site.AddMinutes(1));

        // The clock now reads site + 1 min (the newest created_at); the first gap expires at site + 5 min.
        _time.Advance(TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        Assert.Empty(cursor.ExpireBacklog());

        _time.Advance(TimeSpan.FromSeconds(1));
        var first = cursor.ExpireBacklog();
        var again = cursor.ExpireBacklog();

        Assert.Equal([new IdRange(101, 102)], first.Select(r => r.Ids));
        Assert.Empty(again);
        Assert.Equal([new IdRange(104, 109)], cursor.State.Backlog.Ranges.Select(r => r.Ids));
        Assert.False(cursor.ShouldDeliver(101));
        Assert.True(cursor.ShouldDeliver(104));
    }

    [Fact]
    public void LaggingBehindTheSite_GapWithinTimeoutOfItsEvent_IsStillAwaited()
    {
        // Upstream compared created_at with the local clock: a daemon 10 min behind dropped every gap at once.
        var cursor = NewCursor(100);
        _clock.Observe(_site.AddMinutes(3));

        var outcome = cursor.OnHandled(102, _site);

        Assert.Equal(HandledKind.GapBacklogged, outcome.Kind);
    }

    [Fact]
    public void HugeGap_OneRangeOneOutcome()
    {
        var cursor = NewCursor(1_000);

        var outcome = cursor.OnHandled(11_001, _site);

        Assert.Equal(new IdRange(1_001, 11_000), outcome.Gap);
        Assert.Single(cursor.State.Backlog.Ranges);
        Assert.Equal(10_000, cursor.State.Backlog.Count);
        Assert.True(cursor.ShouldDeliver(5_000));
        Assert.False(cursor.ShouldDeliver(11_001));
    }

    [Fact]
    public void ZeroTimeout_EveryGapDropped()
    {
        var cursor = new Cursor(new PluginState(1), TimeSpan.Zero, _clock);

        Assert.Equal(HandledKind.GapDropped, cursor.OnHandled(3, _site.AddMinutes(1)).Kind);
    }

    /// <summary>The state as its owner holds it: each handled event replaces it, as a lane does.</summary>
    private sealed class Cursor(PluginState state, TimeSpan timeout, SiteClock clock)
    {
        public PluginState State { get; private set; } = state;

        public HandledOutcome OnHandled(long id, DateTimeOffset createdAt)
        {
            clock.Observe(createdAt);
            State = State.Handle(id, createdAt, timeout, clock.Now, out var outcome);
            return outcome;
        }

        public IReadOnlyList<BacklogRange> ExpireBacklog()
        {
            State = State.Expire(clock.Now, out var expired);
            return expired;
        }

        public bool ShouldDeliver(long id) => State.Wants(id);
    }
}
