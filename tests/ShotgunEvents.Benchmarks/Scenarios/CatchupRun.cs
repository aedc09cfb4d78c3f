using System.Diagnostics;
using ShotgunEvents.Api;
using ShotgunEvents.Benchmarks.Harness;
using ShotgunEvents.Client;

namespace ShotgunEvents.Benchmarks.Scenarios;

/// <summary>The two halves of a catch-up measurement: the daemon working through a seeded log, and the bare client paging it.</summary>
internal static class CatchupRun
{
    /// <summary>The fields the engine reads (as <c>EventLogQuery</c> does), so the ceiling pages the same payload.</summary>
    private static readonly string[] EventFields =
        ["id", "event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at"];

    /// <summary>
    /// The daemon from id 0 (<c>start_from = 1</c>) until every plugin's cursor is at the site's newest event. The clock
    /// runs from the engine's start signal (plugins loaded) to the moment the last cursor reaches the head.
    /// </summary>
    /// <remarks>
    /// With <c>stopAt</c>, the run ends when every cursor is at that id instead of the head (a warm-up run);
    /// <c>maxParallelReads</c> sets <c>max_parallel_reads</c> (null: the daemon's default).
    /// </remarks>
    public static async Task<CatchupResult> DaemonAsync(BenchSite site, Workspace workspace, string pluginsDirectory, string cacheDirectory,
        int batchSize, string stateCheckpoint, int? stopAt = null, int? maxParallelReads = null)
    {
        var head = stopAt ?? site.Store.LatestEventId;
        var events = stopAt ?? site.Store.EventCount;
        var ini = new DaemonIni
        {
            Directory = workspace.NewDirectory("catchup"),
            PluginsDirectory = pluginsDirectory,
            CompileCacheDirectory = cacheDirectory,
            Site = site,
            BatchSize = batchSize,
            StartFrom = "1",
            StateCheckpoint = stateCheckpoint,
            MaxParallelReads = maxParallelReads,
        }.Write();

        await using var daemon = await InProcessDaemon.CreateAsync(ini).ConfigureAwait(false);
        var created = Stopwatch.GetTimestamp();
        await daemon.StartAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        var writes = new List<double>();
        if (daemon.Engine.Writer is { } checkpointer)
        {
            checkpointer.Written += took =>
            {
                lock (writes)
                {
                    writes.Add(took.TotalMilliseconds);
                }
            };
        }

        var cpuStart = CpuTime();
        var gc = GcTally.Start();
        var workers = daemon.Engine.Registry.Current;
        await daemon.WaitUntilAsync(() => workers.All(w => w.Progress.State.LastEventId >= head), TimeSpan.FromMinutes(8), "every plugin to reach the head")
            .ConfigureAwait(false);
        var done = Stopwatch.GetTimestamp();
        var cpu = CpuTime() - cpuStart;
        var collected = gc.Stop(events);
        var seconds = CallbackSink.Milliseconds(daemon.StartedAt, done) / 1000;
        return new CatchupResult(
            events,
            seconds,
            events / seconds,
            CallbackSink.Milliseconds(created, daemon.StartedAt) / 1000,
            daemon.Engine.Poller!.PollCount,
            workers.Count,
            workers.Min(w => w.Progress.Handled),
            cpu.TotalMicroseconds / events,
            daemon.Engine.Poller!.PeakReadsInFlight,
            daemon.Engine.Writer?.WriteCount ?? 0,
            collected,
            WriteTimes(writes));
    }

    /// <summary>The client alone: the same query, fields and batch size, page after page until the head.</summary>
    /// <returns>Events per second, the process's CPU time per event (µs) and its garbage collections.</returns>
    public static async Task<(double Rate, double CpuMicroseconds, GcTally Gc)> CeilingAsync(BenchSite site, int batchSize, int? pages = null)
    {
        var head = site.Store.LatestEventId;
        using var pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = site.BaseUri.ToString() });
        using var client = pool.Connect(ShotgunCredentials.Script(BenchSite.ScriptName, site.ScriptKey));
        var after = 0;
        var read = 0;
        var start = Stopwatch.GetTimestamp();
        var cpuStart = CpuTime();
        var gc = GcTally.Start();
        for (var page = 0; after < head && (pages is null || page < pages); page++)
        {
            // The client's event read, as the engine's event log reader makes it (the page streamed into events).
            var rows = await client.ReadEventsAsync(Filter.GreaterThan("id", after), EventFields,
                new FindOptions { Order = [SortOrder.Asc("id")], Limit = batchSize }, CancellationToken.None).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }

            read += rows.Count;
            after = rows[^1].Id;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return (read / seconds, (CpuTime() - cpuStart).TotalMicroseconds / Math.Max(1, read), gc.Stop(read));
    }

    private static Percentiles WriteTimes(List<double> writes)
    {
        lock (writes)
        {
            return new Percentiles(writes);
        }
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
