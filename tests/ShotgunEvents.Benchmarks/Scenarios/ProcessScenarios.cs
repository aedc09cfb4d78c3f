using System.Diagnostics;
using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>
/// The scenarios that start the real daemon process (<c>ShotgunEvents.Daemon run --config FILE</c>, 20 plugins):
/// <list type="bullet">
/// <item><c>startup</c>: process start → first poll, with an empty and with a warm compile cache (alternating;
/// medians). Target: warm ≤ 0.25 × cold.</item>
/// <item><c>footprint</c>: the daemon's working set after the <c>latency</c> load (20 events/s), in the first cold-started
/// daemon (empty compile cache, so the compiler is loaded: the larger of the two footprints). Target: ≤ 250 MB.</item>
/// </list>
/// The first poll is seen on the site: with no state and <c>start_from</c> set, the daemon's first api3 call is
/// <c>info</c> (the client's site info) and its second is the first event query.
/// </summary>
internal static class ProcessScenarios
{
    public const double StartupTargetRatio = 0.25;
    public const double FootprintTargetMiB = 250;
    public const int Plugins = 20;

    private const int CallsBeforeFirstPoll = 1;

    public static async Task<IReadOnlyList<ScenarioReport>> RunAsync(Sizes sizes, bool quick, bool reportStartup, bool reportFootprint)
    {
        using var workspace = new Workspace();
        await using var site = await BenchSite.StartAsync().ConfigureAwait(false);
        site.Store.SeedEvents(100);
        var plugins = Path.Combine(workspace.Root, "plugins");
        PluginSources.WriteTrivialSet(plugins, Plugins, report: false);

        if (reportStartup && sizes.StartupPrime)
        {
            // One unmeasured start, so the daemon's and the compiler's files are in the OS cache for every measured one.
            using var prime = await StartToFirstPollAsync(site, workspace, plugins, workspace.NewDirectory("cache")).ConfigureAwait(false);
            Progress.Info($"startup: prime run {prime.Milliseconds:0} ms");
        }

        var cold = new List<double>();
        var warm = new List<double>();
        var warmFromCache = 0;
        ScenarioReport? footprint = null;
        for (var pair = 0; pair < (reportStartup ? sizes.StartupPairs : 1); pair++)
        {
            var cache = workspace.NewDirectory("cache");
            using (var run = await StartToFirstPollAsync(site, workspace, plugins, cache).ConfigureAwait(false))
            {
                cold.Add(run.Milliseconds);
                if (reportFootprint && footprint is null)
                {
                    // The first cold start goes on to take the live load: empty compile cache, so the compiler is loaded.
                    footprint = await FootprintAsync(site, run, sizes, quick).ConfigureAwait(false);
                }
            }

            if (!reportStartup)
            {
                break;
            }

            using (var run = await StartToFirstPollAsync(site, workspace, plugins, cache).ConfigureAwait(false))
            {
                warm.Add(run.Milliseconds);
                warmFromCache += run.Process.CountLines("from the compile cache");
            }

            Progress.Info($"startup: cold {cold[^1]:0} ms, warm {warm[^1]:0} ms");
        }

        var reports = new List<ScenarioReport>();
        if (reportStartup)
        {
            var coldMs = Percentiles.Median(cold);
            var warmMs = Percentiles.Median(warm);
            var ratio = warmMs / coldMs;
            var allCached = warmFromCache == Plugins * warm.Count;
            reports.Add(new ScenarioReport("startup", quick)
                .Add("plugins", Plugins)
                .Add("daemon", DaemonProcess.IsReadyToRun ? "ReadyToRun publish" : "build output (JIT)")
                .Add("daemon_directory", DaemonProcess.Directory)
                .Add("cold_ms", coldMs)
                .Add("warm_ms", warmMs)
                .Add("cold_runs_ms", new Newtonsoft.Json.Linq.JArray(cold.Select(ResultWriter.Round)))
                .Add("warm_runs_ms", new Newtonsoft.Json.Linq.JArray(warm.Select(ResultWriter.Round)))
                .Add("warm_plugins_from_cache", warmFromCache)
                .Target(ratio, $"warm_ms <= {StartupTargetRatio} x cold_ms", ratio <= StartupTargetRatio && allCached));
        }

        if (footprint is not null)
        {
            reports.Add(footprint);
        }

        return reports;
    }

    private static async Task<ScenarioReport> FootprintAsync(BenchSite site, StartedProcess run, Sizes sizes, bool quick)
    {
        var afterStart = run.Process.WorkingSetMiB();
        var calls = site.Server.Faults.CallCount;
        var written = await LiveWriter.WriteAsync(site, sizes.EventsPerSecond, TimeSpan.FromSeconds(sizes.FootprintSeconds)).ConfigureAwait(false);
        // Let the last poll cycle run, then read the resident set.
        await Task.Delay(sizes.FetchInterval * 3).ConfigureAwait(false);
        if (run.Process.HasExited)
        {
            throw new InvalidOperationException("The daemon exited during the load:" + Environment.NewLine + run.Process.Tail());
        }

        var workingSet = run.Process.WorkingSetMiB();
        var peak = run.Process.PeakWorkingSetMiB();
        Progress.Info($"footprint: {workingSet:0} MiB (peak {peak:0} MiB)");
        return new ScenarioReport("footprint", quick)
            .Add("plugins", Plugins)
            .Add("load_seconds", sizes.FootprintSeconds)
            .Add("events_written", written.Count)
            .Add("site_calls_during_load", site.Server.Faults.CallCount - calls)
            .Add("working_set_after_start_mib", afterStart)
            .Add("working_set_mib", workingSet)
            .Add("peak_working_set_mib", peak)
            .Target(workingSet / FootprintTargetMiB, $"working_set_mib <= {FootprintTargetMiB} (ratio = working_set_mib / {FootprintTargetMiB} <= 1)",
                workingSet <= FootprintTargetMiB);
    }

    private static async Task<StartedProcess> StartToFirstPollAsync(BenchSite site, Workspace workspace, string plugins, string cache)
    {
        var ini = new DaemonIni
        {
            Directory = workspace.NewDirectory("process"),
            PluginsDirectory = plugins,
            CompileCacheDirectory = cache,
            Site = site,
            FetchInterval = TimeSpan.FromMilliseconds(200),
            StartFrom = "1",
            Logging = "INFO",
        }.Write();
        var baseline = site.Server.Faults.CallCount;
        var process = DaemonProcess.Start(ini);
        try
        {
            while (site.Server.Faults.CallCount <= baseline + CallsBeforeFirstPoll)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("The daemon exited before its first poll:" + Environment.NewLine + process.Tail());
                }

                if (Stopwatch.GetElapsedTime(process.StartedAt) > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException("The daemon did not poll within 2 minutes:" + Environment.NewLine + process.Tail());
                }

                await Task.Delay(1).ConfigureAwait(false);
            }

            return new StartedProcess(process, Stopwatch.GetElapsedTime(process.StartedAt).TotalMilliseconds);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }
}
