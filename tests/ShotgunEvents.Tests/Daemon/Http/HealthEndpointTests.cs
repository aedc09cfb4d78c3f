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
        Assert.Equal("healthy", checks["plugins_loaded"]);
        Assert.Equal("healthy", checks["site_polling"]);
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
}
