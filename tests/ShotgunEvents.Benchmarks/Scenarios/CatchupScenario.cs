using Newtonsoft.Json.Linq;
using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// <c>catchup</c>: a seeded log, 10 trivial plugins (half on every event, half on one type), the daemon from id 0.
/// Target: daemon rate ≥ 0.8 × the ceiling (the client alone paging the same events, same batch size, same run).
/// </summary>
/// <remarks>
/// Both sides are warmed up first (<see cref="ThroughputBench"/>). Then ceiling and daemon runs alternate, starting and ending with a ceiling run;
/// each daemon run is compared with the mean of the ceiling runs on either side of it (which cancels a drift in the
/// machine's load), and the reported ratio is the median of those comparisons.
/// </remarks>
internal static class CatchupScenario
{
    public const double TargetRatio = 0.8;

    public static async Task<ScenarioReport> RunAsync(ThroughputBench bench, Sizes sizes, bool quick)
    {
        var site = bench.Site;
        var ceilings = new List<(double Rate, double CpuMicroseconds, GcTally Gc)> { await CeilingAsync(site, sizes).ConfigureAwait(false) };
        var daemons = new List<CatchupResult>();
        var ratios = new List<double>();
        for (var round = 0; round < sizes.CatchupRounds; round++)
        {
            var daemon = await bench.DaemonAsync(sizes.BatchSize, "batch").ConfigureAwait(false);
            Progress.Info($"catchup: daemon {daemon.Rate:0} events/s ({daemon.Seconds:0.00} s, {daemon.CpuMicroseconds:0} µs CPU/event, " +
                $"{daemon.Gc.BytesPerEvent:0} B/event, GCs {string.Join('/', daemon.Gc.Collections)})");
            daemons.Add(daemon);
            ceilings.Add(await CeilingAsync(site, sizes).ConfigureAwait(false));
            ratios.Add(daemon.Rate / ((ceilings[^2].Rate + ceilings[^1].Rate) / 2));
        }

        var ratio = Percentiles.Median(ratios);
        var last = daemons[^1];
        var complete = daemons.All(d => d.MinHandled == d.Events);
        return new ScenarioReport("catchup", quick)
            .Add("events", last.Events)
            .Add("plugins", last.Plugins)
            .Add("batch_size", sizes.BatchSize)
            .Add("daemon_events_per_s", Percentiles.Median(daemons.Select(d => d.Rate)))
            .Add("ceiling_events_per_s", Percentiles.Median(ceilings.Select(c => c.Rate)))
            .Add("daemon_runs_events_per_s", new JArray(daemons.Select(d => ResultWriter.Round(d.Rate))))
            .Add("ceiling_runs_events_per_s", new JArray(ceilings.Select(c => ResultWriter.Round(c.Rate))))
            .Add("run_ratios", new JArray(ratios.Select(ResultWriter.Round)))
            .Add("daemon_cpu_us_per_event", Percentiles.Median(daemons.Select(d => d.CpuMicroseconds)))
            .Add("ceiling_cpu_us_per_event", Percentiles.Median(ceilings.Select(c => c.CpuMicroseconds)))
            .Add("daemon_alloc_bytes_per_event", Percentiles.Median(daemons.Select(d => d.Gc.BytesPerEvent)))
            .Add("ceiling_alloc_bytes_per_event", Percentiles.Median(ceilings.Select(c => c.Gc.BytesPerEvent)))
            .Add("daemon_gc_collections_gen0_1_2", new JArray(last.Gc.Collections))
            .Add("gc_mode", GcTally.Mode)
            .Add("daemon_polls", last.Polls)
            .Add("min_events_handled_per_plugin", daemons.Min(d => d.MinHandled))
            .Target(ratio, $"daemon_events_per_s >= {TargetRatio} x ceiling_events_per_s (median of per-run ratios)", ratio >= TargetRatio && complete);
    }

    private static async Task<(double Rate, double CpuMicroseconds, GcTally Gc)> CeilingAsync(BenchSite site, Sizes sizes)
    {
        var ceiling = await CatchupRun.CeilingAsync(site, sizes.BatchSize).ConfigureAwait(false);
        Progress.Info($"catchup: ceiling {ceiling.Rate:0} events/s ({ceiling.CpuMicroseconds:0} µs CPU/event, " +
            $"{ceiling.Gc.BytesPerEvent:0} B/event, GCs {string.Join('/', ceiling.Gc.Collections)})");
        return ceiling;
    }
}
