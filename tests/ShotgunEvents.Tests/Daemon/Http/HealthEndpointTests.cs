using System.Net;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Http;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_RunningDaemon_Answers200()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")]);

        var (status, body) = await daemon.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", JObject.Parse(body).Value<string>("status"));
    }

    [Fact]
    public async Task Readyz_PluginsLoadedAndPolling_NamesEachCheckHealthy()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")]);

        var (status, body) = await daemon.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        var checks = JObject.Parse(body)["checks"]!.ToDictionary(c => c.Value<string>("name")!, c => c.Value<string>("status"));
        Assert.Equal("healthy", checks["plugins"]);
        Assert.Equal("healthy", checks["site_polling"]);
        Assert.Equal("healthy", checks["state_file"]);
    }

    [Fact]
    public async Task Readyz_OutageLongerThanMaxConnRetries_503NamesSitePollingAndWhy()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")], fetchInterval: TimeSpan.FromSeconds(5),
            maxConnRetries: 2, time: time);
        daemon.Site.Faults.FailNext(10_000, 503);

        // Each step lets the poller's next (fake) wait end; the site fails every attempt.
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return daemon.Runtime.Engine.Poller!.FailedAttempts >= 2;
        }, "two failed polls");
        time.Advance(TimeSpan.FromSeconds(16));

        var (status, body) = await daemon.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var site = JObject.Parse(body)["checks"]!.Single(c => c.Value<string>("name") == "site_polling");
        Assert.Equal("unhealthy", site.Value<string>("status"));
        Assert.Contains("max_conn_retries = 2", site.Value<string>("description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_OutageShorterThanMaxConnRetries_StaysReady()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")], fetchInterval: TimeSpan.FromSeconds(5),
            maxConnRetries: 100, time: time);
        daemon.Site.Faults.FailNext(10_000, 503);
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return daemon.Runtime.Engine.Poller!.FailedAttempts >= 1;
        }, "a failed poll");
        time.Advance(TimeSpan.FromSeconds(16));

        var (status, body) = await daemon.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("fewer than max_conn_retries = 100", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_PluginStuck_StaysReadyButDegradedNamingThePluginTheEventAndSince()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx"), ("stuck", "stuck_never.csx")],
            fetchInterval: TimeSpan.FromMilliseconds(100), callbackTimeout: TimeSpan.FromMilliseconds(300));
        var id = daemon.Touch();
        await Eventually.TrueAsync(() => daemon.Lane("stuck").Plugin.IsStuck, "the plugin is reported stuck");

        var (status, body) = await daemon.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        var report = JObject.Parse(body);
        Assert.Equal("degraded", report.Value<string>("status"));
        var plugins = report["checks"]!.Single(c => c.Value<string>("name") == "plugins");
        Assert.Matches($@"plugin stuck stuck since \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ on event {id} \(callback Record\)",
            plugins.Value<string>("description"));
        var site = report["checks"]!.Single(c => c.Value<string>("name") == "site_polling");
        Assert.Equal("healthy", site.Value<string>("status")); // the site is not blamed
    }

    [MountFact]
    public async Task Readyz_StateFolderReadOnly_503NamingTheStateFileUntilItIsWritableAgain()
    {
        using var mount = ReadOnlyMount.Create();
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx")], fetchInterval: TimeSpan.FromMilliseconds(100),
            stateDirectory: mount.Path);
        var before = daemon.Touch();
        await Eventually.TrueAsync(() => daemon.Lane("alpha").LastEventId == before, "alpha handles an event");

        mount.MakeReadOnly();
        var id = daemon.Touch();
        await Eventually.TrueAsync(async () => (await daemon.GetAsync("/readyz")).Status == HttpStatusCode.ServiceUnavailable,
            "not ready once a write fails");
        var (_, body) = await daemon.GetAsync("/readyz");
        var state = JObject.Parse(body)["checks"]!.Single(c => c.Value<string>("name") == "state_file");
        Assert.Equal("unhealthy", state.Value<string>("status"));
        Assert.Contains("state.json cannot be written: Read-only file system", state.Value<string>("description"), StringComparison.Ordinal);
        Assert.Equal(id, daemon.Lane("alpha").LastEventId); // the plugin carries on meanwhile

        mount.MakeWritable();
        daemon.Touch();
        await Eventually.TrueAsync(async () => (await daemon.GetAsync("/readyz")).Status == HttpStatusCode.OK, "ready again once it writes");
    }
}
