using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// One live run: the in-process daemon (10 reporting plugins, optionally one slow plugin) while the site gets
/// <see cref="Sizes.EventsPerSecond"/> writes a second. Latency = callback start − the moment the write returned.
/// </summary>
internal static class LiveRun
{
    public const string SlowTag = "slow";
    public const int SlowMilliseconds = 200;

    /// <summary>Events written before the measured ones and left out of the statistics (JIT, first connections).</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public static async Task<LiveResult> RunAsync(BenchSite site, Workspace workspace, Sizes sizes, TimeSpan duration, bool withSlowPlugin,
        string cacheDirectory)
    {
        var directory = workspace.NewDirectory(withSlowPlugin ? "isolation" : "latency");
        var plugins = Path.Combine(directory, "plugins");
        var names = PluginSources.WriteTrivialSet(plugins, 10, report: true);
        if (withSlowPlugin)
        {
            File.WriteAllText(Path.Combine(plugins, "slow.csx"), PluginSources.Slow(SlowMilliseconds, SlowTag));
        }

        var ini = new DaemonIni
        {
            Directory = directory,
            PluginsDirectory = plugins,
            CompileCacheDirectory = cacheDirectory,
            Site = site,
            FetchInterval = sizes.FetchInterval,
            StartFrom = "latest",
        }.Write();

        CallbackSink.Reset();
        await using var daemon = await InProcessDaemon.CreateAsync(ini).ConfigureAwait(false);
        await daemon.StartAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        await daemon.WaitUntilAsync(() => daemon.Engine.Poller!.PollCount >= 1, TimeSpan.FromSeconds(30), "the first poll").ConfigureAwait(false);

        var warm = await LiveWriter.WriteAsync(site, sizes.EventsPerSecond, WarmUp).ConfigureAwait(false);
        var visible = await LiveWriter.WriteAsync(site, sizes.EventsPerSecond, duration).ConfigureAwait(false);
        var expected = names.Count * (warm.Count + visible.Count);
        await daemon.WaitUntilAsync(() => CallbackSink.Snapshot().Count(r => r.Tag != SlowTag) >= expected, TimeSpan.FromSeconds(30),
            "the plugins to handle every event", pollMilliseconds: 20).ConfigureAwait(false);

        var records = CallbackSink.Snapshot();
        var latencies = records
            .Where(r => r.Tag != SlowTag && visible.ContainsKey(r.EventId))
            .Select(r => CallbackSink.Milliseconds(visible[r.EventId], r.Timestamp))
            .ToList();
        return new LiveResult(visible.Count, names.Count, new Percentiles(latencies), records.Count(r => r.Tag == SlowTag),
            daemon.Engine.Poller!.PollCount);
    }
}
