using System.Diagnostics;
using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// <c>catchup</c>: a seeded log, 10 trivial plugins (half on every event, half on one type), the daemon from id 0.
/// Target: daemon rate ≥ 0.8 × the ceiling (the client alone paging the same events, same batch size, same run).
/// </summary>
internal static class CatchupScenario
{
    public const double TargetRatio = 0.8;

    public static async Task<ScenarioReport> RunAsync(Sizes sizes, bool quick)
    {
        using var workspace = new Workspace();
        await using var site = await BenchSite.StartAsync().ConfigureAwait(false);
        var seedStart = Stopwatch.GetTimestamp();
        site.Store.SeedEvents(sizes.CatchupEvents);
        Progress.Info($"catchup: seeded {site.Store.EventCount} events in {Stopwatch.GetElapsedTime(seedStart).TotalSeconds:0.0} s");

        var plugins = Path.Combine(workspace.Root, "plugins");
        PluginSources.WriteTrivialSet(plugins, 10, report: false);
        var cache = workspace.NewDirectory("cache");

        // Warm the emulator's read path and the client first, so neither side pays the other's JIT.
        await CatchupRun.CeilingAsync(site, sizes.BatchSize, pages: 10).ConfigureAwait(false);
        var before = await CatchupRun.CeilingAsync(site, sizes.BatchSize).ConfigureAwait(false);
        Progress.Info($"catchup: ceiling {before.Rate:0} events/s");
        var daemon = await CatchupRun.DaemonAsync(site, workspace, plugins, cache, sizes.BatchSize, "batch").ConfigureAwait(false);
        Progress.Info($"catchup: daemon {daemon.Rate:0} events/s ({daemon.Seconds:0.00} s)");
        var after = await CatchupRun.CeilingAsync(site, sizes.BatchSize).ConfigureAwait(false);
        Progress.Info($"catchup: ceiling {after.Rate:0} events/s");

        // The ceiling is measured before and after the daemon; their mean cancels a drift in the machine's load.
        var ceiling = (before.Rate + after.Rate) / 2;
        var ratio = daemon.Rate / ceiling;
        return new ScenarioReport("catchup", quick)
            .Add("events", daemon.Events)
            .Add("plugins", daemon.Plugins)
            .Add("batch_size", sizes.BatchSize)
            .Add("daemon_seconds", daemon.Seconds)
            .Add("daemon_events_per_s", daemon.Rate)
            .Add("daemon_polls", daemon.Polls)
            .Add("plugin_load_seconds", daemon.LoadSeconds)
            .Add("min_events_handled_per_plugin", daemon.MinHandled)
            .Add("ceiling_events_per_s", ceiling)
            .Add("ceiling_before_events_per_s", before.Rate)
            .Add("ceiling_after_events_per_s", after.Rate)
            .Add("daemon_cpu_us_per_event", daemon.CpuMicroseconds)
            .Add("ceiling_cpu_us_per_event", (before.CpuMicroseconds + after.CpuMicroseconds) / 2)
            .Target(ratio, $"daemon_events_per_s >= {TargetRatio} x ceiling_events_per_s", ratio >= TargetRatio && daemon.MinHandled == daemon.Events);
    }
}
