using System.Diagnostics;
using System.Globalization;
using ShotgunEvents.Client.EventLog;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;
using Xunit.Abstractions;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>
/// Catch-up throughput: events per second through the engine to ten trivial plugins, beside the client's raw paging
/// rate over the same events with the same batch size, in the same run. 5,000 events by default (a quick check that
/// every plugin gets every event once); set SGE_ENGINE_EVENTS=50000 to measure (SGE_ENGINE_PLUGINS changes the 10).
/// </summary>
public sealed class EngineThroughputTests(ITestOutputHelper output)
{
    private const int BatchSize = 500;

    [Fact]
    public async Task CatchUp_TenTrivialPlugins_EveryPluginHandlesEveryEventOnce()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("SGE_ENGINE_EVENTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : 5_000;
        await using var h = await EngineHarness.CreateAsync();
        h.Store.SeedEvents(count);
        var last = h.Store.LatestEventId;
        var total = h.Store.EventCount;
        var pluginCount = int.TryParse(Environment.GetEnvironmentVariable("SGE_ENGINE_PLUGINS"), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? p
            : 10;
        var plugins = Enumerable.Range(0, pluginCount).Select(i => $"noop_{i:00}").ToArray();
        foreach (var plugin in plugins)
        {
            h.AddPlugin("noop.csx", plugin);
        }

        await RawPagingRateAsync(h, total); // warm-up: the JIT and the emulator's read path, for both sides
        var rawBefore = await RawPagingRateAsync(h, total);
        await using var engine = await h.StartEngineAsync(o => o with { StartFrom = 1, MaxEventBatchSize = BatchSize });
        var clock = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => engine.Workers.All(w => w.LastEventId == last), "every plugin catches up",
            TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        var rawAfter = await RawPagingRateAsync(h, total);

        Assert.All(engine.Workers, w => Assert.Equal(total, w.HandledCount));
        var engineRate = total / elapsed.TotalSeconds;
        output.WriteLine($"{total} events, batch {BatchSize}, {plugins.Length} plugins, {Environment.ProcessorCount} cores");
        output.WriteLine($"engine: {elapsed.TotalSeconds:0.00} s, {engineRate:0} events/s ({engineRate * plugins.Length:0} deliveries/s); " +
            $"{engine.Poller.PollCount} polls");
        output.WriteLine($"raw client paging: {rawBefore:0} events/s before, {rawAfter:0} events/s after; " +
            $"engine/raw = {engineRate / Math.Max(rawBefore, rawAfter):0.00}");
    }

    /// <summary>Reads every event with the engine's own query and batch size, as fast as the client can page.</summary>
    private static async Task<double> RawPagingRateAsync(EngineHarness h, int total)
    {
        var source = new ClientEventLogReader(h.Pool.Connect(h.Credentials));
        var clock = Stopwatch.StartNew();
        var read = 0;
        var after = 0L;
        while (true)
        {
            var page = await source.ReadAfterAsync(after, BatchSize, CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            read += page.Count;
            after = page[^1].Id;
        }

        Assert.Equal(total, read);
        return read / clock.Elapsed.TotalSeconds;
    }
}
