using System.Diagnostics;
using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// What <c>catchup</c> and <c>checkpoint</c> share: a site seeded once, the 10 trivial plugins (half on every event,
/// half on one type), their compile cache, and the warm-up of both sides (JIT, connections, the emulator's read path):
/// the ceiling with a few pages, the daemon with a run over the first events.
/// </summary>
internal sealed class ThroughputBench : IAsyncDisposable
{
    private ThroughputBench(Workspace workspace, BenchSite site, string plugins, string cache)
    {
        Workspace = workspace;
        Site = site;
        PluginsDirectory = plugins;
        CacheDirectory = cache;
    }

    public Workspace Workspace { get; }

    public BenchSite Site { get; }

    public string PluginsDirectory { get; }

    public string CacheDirectory { get; }

    public static async Task<ThroughputBench> StartAsync(int events, int batchSize)
    {
        var workspace = new Workspace();
        var site = await BenchSite.StartAsync().ConfigureAwait(false);
        var seedStart = Stopwatch.GetTimestamp();
        site.Store.SeedEvents(events);
        Progress.Info($"throughput: seeded {site.Store.EventCount} events in {Stopwatch.GetElapsedTime(seedStart).TotalSeconds:0.0} s");
        var plugins = Path.Combine(workspace.Root, "plugins");
        PluginSources.WriteTrivialSet(plugins, 10, report: false);
        var bench = new ThroughputBench(workspace, site, plugins, workspace.NewDirectory("cache"));

        // Enough pages for the client's read path to reach tier-1 JIT: with 10, the first measured ceiling ran at a third of the second.
        await CatchupRun.CeilingAsync(site, batchSize, pages: 60).ConfigureAwait(false);
        // A whole pass, not a few batches: the runtime starts counting calls for tier-1 JIT only after 100 ms without
        // new tier-0 code, so after a short warm-up the first measured run still began in tier-0 code. Measured: the
        // first `checkpoint` run (every batch) then ran at about half the speed of the same variant's second run.
        await bench.DaemonAsync(batchSize, "batch").ConfigureAwait(false);
        return bench;
    }

    /// <summary>A daemon catch-up run over the seeded log (see <see cref="CatchupRun.DaemonAsync"/>).</summary>
    public Task<CatchupResult> DaemonAsync(int batchSize, string stateCheckpoint, int? stopAt = null) =>
        CatchupRun.DaemonAsync(Site, Workspace, PluginsDirectory, CacheDirectory, batchSize, stateCheckpoint, stopAt);

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync().ConfigureAwait(false);
        Workspace.Dispose();
    }
}
