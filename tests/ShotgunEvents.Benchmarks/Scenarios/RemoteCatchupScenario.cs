using System.Diagnostics;
using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// <c>catchup_remote</c>: a site that answers every call after 200 ms (a hosted site's query time plus the round trip),
/// a seeded log (50,000 events; 10,000 with <c>--quick</c>), the 10 trivial plugins, the daemon from id 0: once with the
/// default <c>max_parallel_reads</c>, once with 1 (one page at a time), same site, same run.
/// Target: default ≥ 3.5 × one-at-a-time. Also reported: each rate against its physical limit, reads in flight × batch /
/// latency (what the site can hand over at that width however fast the daemon is).
/// </summary>
internal static class RemoteCatchupScenario
{
    public const double TargetRatio = 3.5;

    /// <summary>The shipped default of <c>max_parallel_reads</c>.</summary>
    public const int DefaultParallelReads = 4;

    public static async Task<ScenarioReport> RunAsync(Sizes sizes, bool quick)
    {
        using var workspace = new Workspace();
        await using var site = await BenchSite.StartAsync(sizes.RemoteLatency).ConfigureAwait(false);
        var seedStart = Stopwatch.GetTimestamp();
        site.Store.SeedEvents(sizes.RemoteEvents);
        Progress.Info($"catchup_remote: seeded {site.Store.EventCount} events in {Stopwatch.GetElapsedTime(seedStart).TotalSeconds:0.0} s, " +
            $"latency {sizes.RemoteLatency.TotalMilliseconds:0} ms");
        var plugins = Path.Combine(workspace.Root, "plugins");
        PluginSources.WriteTrivialSet(plugins, 10, report: false);
        var cache = workspace.NewDirectory("cache");

        // Warm-up: compiles the plugins into the cache and JITs both sides, so neither measured run pays for it.
        await CatchupRun.DaemonAsync(site, workspace, plugins, cache, sizes.BatchSize, "batch", stopAt: 4 * sizes.BatchSize).ConfigureAwait(false);

        var parallel = await RunAsync(site, workspace, plugins, cache, sizes, reads: null).ConfigureAwait(false);
        var serial = await RunAsync(site, workspace, plugins, cache, sizes, reads: 1).ConfigureAwait(false);

        var latency = sizes.RemoteLatency.TotalSeconds;
        var parallelLimit = DefaultParallelReads * sizes.BatchSize / latency;
        var serialLimit = sizes.BatchSize / latency;
        var ratio = parallel.Rate / serial.Rate;
        var complete = parallel.MinHandled == parallel.Events && serial.MinHandled == serial.Events;
        return new ScenarioReport("catchup_remote", quick)
            .Add("events", parallel.Events)
            .Add("plugins", parallel.Plugins)
            .Add("batch_size", sizes.BatchSize)
            .Add("latency_ms", sizes.RemoteLatency.TotalMilliseconds)
            .Add("max_parallel_reads", DefaultParallelReads)
            .Add("parallel_events_per_s", parallel.Rate)
            .Add("parallel_seconds", parallel.Seconds)
            .Add("parallel_peak_reads_in_flight", parallel.PeakReadsInFlight)
            .Add("parallel_polls", parallel.Polls)
            .Add("parallel_limit_events_per_s", parallelLimit)
            .Add("parallel_fraction_of_limit", parallel.Rate / parallelLimit)
            .Add("one_at_a_time_events_per_s", serial.Rate)
            .Add("one_at_a_time_seconds", serial.Seconds)
            .Add("one_at_a_time_limit_events_per_s", serialLimit)
            .Add("one_at_a_time_fraction_of_limit", serial.Rate / serialLimit)
            .Add("min_events_handled_per_plugin", Math.Min(parallel.MinHandled, serial.MinHandled))
            .Target(ratio, $"parallel_events_per_s >= {TargetRatio} x one_at_a_time_events_per_s (max_parallel_reads {DefaultParallelReads} vs 1)",
                ratio >= TargetRatio && complete);
    }

    private static async Task<CatchupResult> RunAsync(BenchSite site, Workspace workspace, string plugins, string cache, Sizes sizes, int? reads)
    {
        var result = await CatchupRun.DaemonAsync(site, workspace, plugins, cache, sizes.BatchSize, "batch", maxParallelReads: reads).ConfigureAwait(false);
        Progress.Info($"catchup_remote: max_parallel_reads {reads?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}: " +
            $"{result.Rate:0} events/s ({result.Seconds:0.00} s, {result.Polls} polls, peak {result.PeakReadsInFlight} reads in flight)");
        return result;
    }
}
