using Microsoft.Extensions.Time.Testing;
using ShotgunEvents.Daemon.Events.Reading;

namespace ShotgunEvents.Tests.Daemon.Events.Reading;

public sealed class ReadWindowTests
{
    [Fact]
    public void New_StartsAtTheMaximum()
    {
        var window = new ReadWindow(4, new FakeTimeProvider());

        Assert.Equal(4, window.Size);
        Assert.Equal(TimeSpan.Zero, window.HoldRemaining);
    }

    [Fact]
    public void Throttled_HalvesEachTimeButNeverBelowOne()
    {
        var window = new ReadWindow(8, new FakeTimeProvider());

        window.Throttled(null);
        Assert.Equal(4, window.Size);
        window.Throttled(null);
        Assert.Equal(2, window.Size);
        window.Throttled(null);
        Assert.Equal(1, window.Size);
        window.Throttled(null);
        Assert.Equal(1, window.Size);
    }

    [Fact]
    public void Succeeded_GrowsByOnePerRoundOfSuccessfulReads_UpToTheMaximum()
    {
        var window = new ReadWindow(4, new FakeTimeProvider());
        window.Throttled(null);
        window.Throttled(null);
        Assert.Equal(1, window.Size);

        window.Succeeded(); // a round of 1
        Assert.Equal(2, window.Size);
        window.Succeeded();
        Assert.Equal(2, window.Size); // a round of 2 needs two
        window.Succeeded();
        Assert.Equal(3, window.Size);
        window.Succeeded();
        window.Succeeded();
        Assert.Equal(3, window.Size);
        window.Succeeded();
        Assert.Equal(4, window.Size);
        for (var i = 0; i < 20; i++)
        {
            window.Succeeded();
        }

        Assert.Equal(4, window.Size);
    }

    [Fact]
    public void Throttled_ResetsTheRoundInProgress()
    {
        var window = new ReadWindow(4, new FakeTimeProvider());
        window.Throttled(null); // 2
        window.Succeeded();
        window.Throttled(null); // 1; the success before it no longer counts
        window.Succeeded();
        Assert.Equal(2, window.Size);
        window.Succeeded();
        Assert.Equal(2, window.Size);
    }

    [Fact]
    public void Throttled_WithRetryAfter_HoldsNewReadsUntilItPasses()
    {
        var time = new FakeTimeProvider();
        var window = new ReadWindow(4, time);

        window.Throttled(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), window.HoldRemaining);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(2), window.HoldRemaining);

        // A shorter Retry-After does not cut the longer wait already asked for.
        window.Throttled(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), window.HoldRemaining);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.Zero, window.HoldRemaining);
    }

    [Fact]
    public void New_MaximumBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadWindow(0, new FakeTimeProvider()));
    }
}
