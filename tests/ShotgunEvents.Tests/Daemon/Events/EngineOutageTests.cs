using System.Diagnostics;
using NLog;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>The site failing for a while: one log line per outage, back-off, recovery, nothing lost.</summary>
public sealed class EngineOutageTests
{
    [Fact]
    public async Task SiteOutage_OneLineWhenItStartsAndOneWhenItEnds_NothingLost()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "rec");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync();
        var first = h.Updates(3);
        await h.WaitRecordedAsync("rec", [first]);

        // 12 failed calls: the client retries each poll once, so about six failed polls, with back-off between them.
        var calls = h.Site.Faults.CallCount;
        h.Site.Faults.FailNext(12, 503);
        h.Store.SeedEvents(20);
        await Eventually.TrueAsync(() => h.Site.Faults.CallCount >= calls + 12, "the outage is over");
        var ids = h.VisibleIds(start);
        await h.WaitRecordedAsync("rec", ids);
        await Eventually.TrueAsync(() => h.Logs.Count("answers again") == 1, "the recovery is logged");

        Assert.Equal(1, h.Logs.Count("Cannot read the site's event log", LogLevel.Error));
        Assert.Equal(ids, h.Recorded("rec"));

        // A second outage is a second pair of lines, not a line per attempt.
        calls = h.Site.Faults.CallCount;
        h.Site.Faults.FailNext(6, 502);
        var last = h.Updates(2);
        await Eventually.TrueAsync(() => h.Site.Faults.CallCount >= calls + 6, "the second outage is over");
        await h.WaitRecordedAsync("rec", [last]);
        await Eventually.TrueAsync(() => h.Logs.Count("answers again") == 2, "the second recovery is logged");
        Assert.Equal(2, h.Logs.Count("Cannot read the site's event log", LogLevel.Error));
        Assert.Equal(h.VisibleIds(start), h.Recorded("rec"));
    }

    [Fact]
    public async Task BadCredentials_ReportedOnceWithoutTheKey_RetriedAtTheSlowPaceNotHammered()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.AddPlugin("recorder.csx", "rec");
        var start = h.Updates(1);
        await using var engine = await h.StartEngineAsync(o => o with { MaxOutageBackoff = TimeSpan.FromSeconds(1) });
        await h.WaitRecordedAsync("rec", [h.Updates(1)]);

        var calls = h.Site.Faults.CallCount;
        h.Site.Faults.AuthFailNext(3);
        var clock = Stopwatch.StartNew();
        var last = h.Updates(2);
        await Eventually.TrueAsync(() => h.Site.Faults.CallCount >= calls + 3, "the refusals are over");
        await h.WaitRecordedAsync("rec", [last]);
        var elapsed = clock.Elapsed;

        // Three refused attempts, each followed by the full conn_retry_sleep: no quick retries against a revoked key.
        Assert.True(elapsed >= TimeSpan.FromSeconds(2.5), $"recovered after {elapsed.TotalSeconds:0.0} s");
        Assert.Equal(1, h.Logs.Count("refused the daemon's credentials", LogLevel.Error));
        Assert.Equal(1, h.Logs.Count("answers again"));
        Assert.DoesNotContain(EngineHarness.ScriptKey, h.Logs.Dump(), StringComparison.Ordinal);
        Assert.Equal(h.VisibleIds(start), h.Recorded("rec"));
    }
}
