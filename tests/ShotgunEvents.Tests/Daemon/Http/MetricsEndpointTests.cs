using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Http;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterEventsAndAFailure_ExportsPrometheusTextWithEveryFamily()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx"), ("beta", "always_fails.csx")]);
        var alpha = daemon.Lane("alpha");
        var beta = daemon.Lane("beta");
        var before = alpha.HandledCount;
        daemon.Touch();
        daemon.Touch();
        await Eventually.TrueAsync(() => alpha.HandledCount >= before + 2 && !beta.IsActive, "alpha handling both events and beta failing");

        using var response = await daemon.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        foreach (var family in new[]
        {
            "shotgun_events_events_read_total", "shotgun_events_events_delivered_total", "shotgun_events_callbacks_total",
            "shotgun_events_callback_duration_seconds", "shotgun_events_plugin_lag_events", "shotgun_events_plugin_lag_seconds",
            "shotgun_events_plugin_backlog_events", "shotgun_events_plugins", "shotgun_events_plugin_active",
            "shotgun_events_plugin_reloads_total", "shotgun_events_plugin_compile_errors",
            "shotgun_events_site_request_duration_seconds", "shotgun_events_polls_total", "shotgun_events_checkpoint_duration_seconds",
            "shotgun_events_plugin_stuck", "shotgun_events_plugin_detached", "shotgun_events_last_poll_timestamp_seconds",
            "shotgun_events_site_latest_event_id", "shotgun_events_state_file_writable", "shotgun_events_site_reads_in_flight_allowed",
            "shotgun_events_build_info", "process_cpu_seconds_total", "dotnet_collection_count_total",
        })
        {
            Assert.Contains($"# TYPE {family} ", text, StringComparison.Ordinal);
        }

        Assert.True(Value(text, "shotgun_events_events_read_total") >= 2);
        Assert.Equal(1, Value(text, "shotgun_events_plugin_active{plugin=\"alpha\"}"));
        Assert.Equal(0, Value(text, "shotgun_events_plugin_active{plugin=\"beta\"}"));
        Assert.Equal(1, Value(text, "shotgun_events_plugins{state=\"inactive\"}"));
        Assert.True(Value(text, "shotgun_events_callbacks_total{plugin=\"beta\",outcome=\"error\"}") >= 1);
        Assert.True(Value(text, "shotgun_events_callback_duration_seconds_count{plugin=\"alpha\"}") >= 2);
        Assert.DoesNotContain(HttpDaemon.ScriptKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_PluginStuck_StuckAndDetachedGaugesSetAndItsLagGrowsWithTheSite()
    {
        await using var daemon = await HttpDaemon.StartAsync([("alpha", "noop.csx"), ("stuck", "stuck_never.csx")],
            fetchInterval: TimeSpan.FromMilliseconds(100), callbackTimeout: TimeSpan.FromMilliseconds(300));
        var first = daemon.Touch();
        await Eventually.TrueAsync(() => daemon.Lane("stuck").Plugin.IsStuck, "the plugin is reported stuck");
        var last = first;
        for (var i = 0; i < 5; i++)
        {
            last = daemon.Touch();
        }

        await Eventually.TrueAsync(() => daemon.Lane("alpha").LastEventId == last, "alpha handles every event");
        var text = "";
        await Eventually.TrueAsync(async () =>
        {
            text = await daemon.Client.GetStringAsync("/metrics");
            return Value(text, "shotgun_events_plugin_lag_events{plugin=\"stuck\"}") == last - first + 1;
        }, "the stuck plugin's lag counts every event since the one it is stuck on");

        Assert.Equal(1, Value(text, "shotgun_events_plugin_stuck{plugin=\"stuck\"}"));
        Assert.Equal(1, Value(text, "shotgun_events_plugin_detached{plugin=\"stuck\"}"));
        Assert.Equal(0, Value(text, "shotgun_events_plugin_stuck{plugin=\"alpha\"}"));
        Assert.Equal(0, Value(text, "shotgun_events_plugin_detached{plugin=\"alpha\"}"));
        Assert.Equal(0, Value(text, "shotgun_events_plugin_lag_events{plugin=\"alpha\"}"));
        Assert.Equal(last, Value(text, "shotgun_events_site_latest_event_id"));
        var lastPoll = DateTimeOffset.FromUnixTimeMilliseconds((long)(Value(text, "shotgun_events_last_poll_timestamp_seconds") * 1000));
        Assert.InRange(DateTimeOffset.UtcNow - lastPoll, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Metrics_ScopedPlugin_CountsSkippedEventsByReason()
    {
        await using var daemon = await HttpDaemon.StartAsync([("scoped", "scoped_debug.csx")]);
        var scoped = daemon.Lane("scoped");
        var before = scoped.HandledCount;
        daemon.Touch();
        daemon.Touch();
        await Eventually.TrueAsync(() => scoped.HandledCount >= before + 2, "the scoped plugin handling both events");

        using var response = await daemon.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("# TYPE shotgun_events_events_skipped_total counter", text, StringComparison.Ordinal);
        Assert.True(Value(text, "shotgun_events_events_skipped_total{plugin=\"scoped\",reason=\"callback_project\"}") >= 2);
        Assert.Equal(0, Value(text, "shotgun_events_events_skipped_total{plugin=\"scoped\",reason=\"own_write\"}"));
        Assert.True(Value(text, "shotgun_events_events_delivered_total{plugin=\"scoped\",outcome=\"handled\"}") >= 2);
    }

    private static double Value(string text, string series)
    {
        var line = Regex.Match(text, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline);
        Assert.True(line.Success, $"no sample {series} in:\n{text}");
        return double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Metrics_Sharded_EverySeriesSaysWhichShard()
    {
        // The shard that owns the plugin (a daemon with no plugin of its own does not poll).
        var index = new ShotgunEvents.Daemon.Shards.ShardMap(3, new Dictionary<string, int>()).Owner("plugins", "rec");
        await using var daemon = await HttpDaemon.StartAsync([("rec", "recorder.csx")], shard: new ShotgunEvents.Daemon.Shards.ShardSpec(index, 3));

        var (status, body) = await daemon.GetAsync("/metrics");

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var samples = body.Split('\n').Where(l => l.StartsWith("shotgun_events_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(samples);
        Assert.All(samples, l => Assert.Contains($"shard=\"{index}/3\"", l, StringComparison.Ordinal));
    }
}
