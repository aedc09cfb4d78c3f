using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// <c>latency</c> (target: p99 ≤ fetch_interval + 50 ms) and <c>isolation</c> (the same with one plugin taking 200 ms
/// per event; target: the other plugins' p99 ≤ 1.2 × their p99 in <c>latency</c>), back to back in one process
/// against one site. <c>isolation</c> alone still runs <c>latency</c> first, for its baseline.
/// </summary>
internal static class LiveScenarios
{
    public const double IsolationTargetRatio = 1.2;
    public static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(50);

    public static async Task<IReadOnlyList<ScenarioReport>> RunAsync(Sizes sizes, bool quick, bool reportLatency, bool reportIsolation)
    {
        using var workspace = new Workspace();
        await using var site = await BenchSite.StartAsync().ConfigureAwait(false);
        site.Store.SeedEvents(1000);
        var duration = TimeSpan.FromSeconds(sizes.LatencySeconds);
        var reports = new List<ScenarioReport>();
        var cache = workspace.NewDirectory("cache");

        var latency = await LiveRun.RunAsync(site, workspace, sizes, duration, withSlowPlugin: false, cache).ConfigureAwait(false);
        Progress.Info($"latency: p50 {latency.Latency.At(50):0.0} ms, p99 {latency.Latency.At(99):0.0} ms");
        var limit = (sizes.FetchInterval + Slack).TotalMilliseconds;
        var latencyP99 = latency.Latency.At(99);
        if (reportLatency)
        {
            var report = Describe("latency", quick, sizes, latency)
                .Add("limit_ms", limit)
                .Target(latencyP99 / limit, "p99_ms <= fetch_interval_ms + 50 (ratio = p99_ms / limit_ms <= 1)", latencyP99 <= limit && Complete(latency));
            reports.Add(report);
        }

        if (reportIsolation)
        {
            var isolation = await LiveRun.RunAsync(site, workspace, sizes, duration, withSlowPlugin: true, cache).ConfigureAwait(false);
            Progress.Info($"isolation: p50 {isolation.Latency.At(50):0.0} ms, p99 {isolation.Latency.At(99):0.0} ms");
            var ratio = isolation.Latency.At(99) / latencyP99;
            var report = Describe("isolation", quick, sizes, isolation)
                .Add("slow_plugin_ms_per_event", LiveRun.SlowMilliseconds)
                .Add("slow_plugin_events_started", isolation.SlowHandled)
                .Add("latency_p99_ms", latencyP99)
                .Target(ratio, $"p99_ms (others) <= {IsolationTargetRatio} x latency_p99_ms", ratio <= IsolationTargetRatio && Complete(isolation));
            reports.Add(report);
        }

        return reports;
    }

    /// <summary>Every fast plugin must have handled every measured event.</summary>
    private static bool Complete(LiveResult result) => result.Latency.Count == result.Events * result.Plugins;

    private static ScenarioReport Describe(string name, bool quick, Sizes sizes, LiveResult result) =>
        new ScenarioReport(name, quick)
            .Add("events", result.Events)
            .Add("events_per_s", sizes.EventsPerSecond)
            .Add("plugins", result.Plugins)
            .Add("fetch_interval_ms", sizes.FetchInterval.TotalMilliseconds)
            .Add("samples", result.Latency.Count)
            .Add("p50_ms", result.Latency.At(50))
            .Add("p90_ms", result.Latency.At(90))
            .Add("p99_ms", result.Latency.At(99))
            .Add("max_ms", result.Latency.Max)
            .Add("polls", result.Polls);
}
