using Microsoft.Extensions.Time.Testing;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Tests.Daemon.State;

public sealed class SiteClockTests
{
    private static readonly DateTimeOffset Local = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Site = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Now_NothingObserved_IsTheLocalClock()
    {
        var clock = new SiteClock(new FakeTimeProvider(Local));

        Assert.Equal(Local, clock.Now);
    }

    [Fact]
    public void Now_AfterObservation_IsSiteTimePlusLocalElapsedTime()
    {
        var time = new FakeTimeProvider(Local);
        var clock = new SiteClock(time);

        clock.Observe(Site);
        time.Advance(TimeSpan.FromSeconds(42));

        Assert.Equal(Site.AddSeconds(42), clock.Now);
    }

    [Fact]
    public void Observe_OlderTime_Ignored_NewerTime_Adopted()
    {
        var time = new FakeTimeProvider(Local);
        var clock = new SiteClock(time);
        clock.Observe(Site);
        time.Advance(TimeSpan.FromMinutes(10));

        clock.Observe(Site.AddMinutes(9)); // an event created before our estimate: no step back
        Assert.Equal(Site.AddMinutes(10), clock.Now);

        clock.Observe(Site.AddMinutes(15)); // the site is ahead of our estimate: follow it
        Assert.Equal(Site.AddMinutes(15), clock.Now);
    }
}
