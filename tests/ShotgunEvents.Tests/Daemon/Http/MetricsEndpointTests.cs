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
        var alpha = daemon.Runtime.Engine.Workers.Single(w => w.Plugin.Name == "alpha");
        var beta = daemon.Runtime.Engine.Workers.Single(w => w.Plugin.Name == "beta");
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
    public async Task Metrics_ScopedPlugin_CountsSkippedEventsByReason()
    {
        await using var daemon = await HttpDaemon.StartAsync([("scoped", "scoped_debug.csx")]);
        var scoped = daemon.Runtime.Engine.Workers.Single(w => w.Plugin.Name == "scoped");
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
}
