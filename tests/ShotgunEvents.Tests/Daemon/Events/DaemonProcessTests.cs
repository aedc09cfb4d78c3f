using System.Diagnostics;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;
using Xunit.Abstractions;

namespace ShotgunEvents.Tests.Daemon.Events;

/// <summary>
/// The real daemon process (<c>shotgun-events run --config ...</c>) against a site this test hosts: SIGKILL at
/// random points and restarts, a corrupt state file and <c>--reset-state</c>, SIGTERM.
/// </summary>
public sealed class DaemonProcessTests(ITestOutputHelper output)
{
    private const int BatchSize = 250;

    private static readonly string[] Recorders = ["rec_a", "rec_b", "rec_c"];

    [Fact]
    public async Task Run_KilledWithSigkillAtRandomPoints_EveryEventRecordedAndDuplicatesOnlyInTheCheckpointWindow()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"random seed {seed}");
        var clock = Stopwatch.StartNew();
        await using var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential(EngineHarness.ScriptName, EngineHarness.ScriptKey)],
        });
        using var dir = new DaemonDirectory(site, $"""
            fetch_interval = 0.05
            max_event_batch_size = {BatchSize}
            start_from = 1
            state_checkpoint = batch
            plugin_concurrency = per_plugin
            shutdown_timeout = 10
            """);
        foreach (var name in Recorders)
        {
            dir.AddPlugin("recorder.csx", name);
        }

        site.Store.SeedEvents(2500);
        var kills = new List<KillPoint>();
        for (var round = 0; round < 4; round++)
        {
            using var daemon = dir.Start();
            var before = Recorders.ToDictionary(p => p, p => dir.Recorded(p).Count);
            // Live writes while it runs: bulk activity and single edits.
            var written = random.Next(300, 900);
            site.Store.SeedEvents(written);
            dir.Updates(random.Next(5, 30));
            var progress = random.Next(100, written);
            await Eventually.TrueAsync(() => daemon.HasExited || Recorders.All(p => dir.Recorded(p).Count >= before[p] + progress),
                $"round {round}: every plugin records {progress} more events", TimeSpan.FromSeconds(90));
            Assert.False(daemon.HasExited, $"the daemon exited on its own:\n{daemon.Output}\n{dir.ReadEngineLog()}");

            dir.Updates(random.Next(1, 10)); // the kill lands among live writes
            daemon.Kill();
            kills.Add(new KillPoint(
                Recorders.ToDictionary(p => p, p => StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, p) ?? 0),
                Recorders.ToDictionary(p => p, p => dir.Recorded(p).Count)));
        }

        using (var last = dir.Start())
        {
            var missing = 5200 - site.Store.LatestEventId;
            if (missing > 0)
            {
                site.Store.SeedEvents(missing);
            }

            dir.Updates(10);
            var all = AllIds(site);
            Assert.True(all.Count >= 5000, $"{all.Count} events");
            await Eventually.TrueAsync(() => Recorders.All(p => all.IsSubsetOf(dir.Recorded(p))),
                "every plugin records every event", TimeSpan.FromSeconds(90));
            last.Terminate();
            Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        var allIds = AllIds(site);
        foreach (var plugin in Recorders)
        {
            var recorded = dir.Recorded(plugin);
            Assert.Empty(allIds.Except(recorded));
            var windows = new List<int>();
            for (var k = 0; k < kills.Count; k++)
            {
                var checkpoint = kills[k].Checkpoint[plugin];
                var atKill = kills[k].Recorded[plugin];
                var nextKill = k + 1 < kills.Count ? kills[k + 1].Recorded[plugin] : recorded.Count;
                var beforeKill = recorded.Take(atKill).ToList();
                // Handled but not yet checkpointed when the process died: the only ids that may come again.
                var window = beforeKill.Where(id => id > checkpoint).ToHashSet();
                var seenBefore = beforeKill.ToHashSet();
                var again = recorded.Skip(atKill).Take(nextKill - atKill).Where(seenBefore.Contains).ToList();
                Assert.All(again, id => Assert.True(id > checkpoint,
                    $"{plugin}: event {id} came again after kill {k} although the checkpoint ({checkpoint}) covered it"));
                Assert.All(again, id => Assert.Contains(id, window));
                windows.Add(window.Count);
            }

            var duplicates = RecordFile.Duplicates(recorded);
            output.WriteLine($"{plugin}: {recorded.Count} lines for {allIds.Count} events, {duplicates.Count} duplicates; " +
                $"uncheckpointed at each kill: {string.Join(", ", windows)}");
            Assert.True(duplicates.Count <= windows.Sum(), $"{plugin}: {duplicates.Count} duplicates, windows {string.Join(", ", windows)}");
            Assert.All(windows, w => Assert.True(w <= BatchSize, $"{plugin}: {w} events handled since the last checkpoint (batch {BatchSize})"));
        }

        output.WriteLine($"{allIds.Count} events, {kills.Count} kills, {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Run_CorruptStateFile_ExitsWithAnErrorNamingTheFile_ResetStateStartsOver()
    {
        await using var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential(EngineHarness.ScriptName, EngineHarness.ScriptKey)],
        });
        using var dir = new DaemonDirectory(site, """
            fetch_interval = 0.05
            start_from = latest
            """);
        dir.AddPlugin("recorder.csx", "rec");
        site.Store.SeedEvents(20);
        Directory.CreateDirectory(Path.GetDirectoryName(dir.StatePath)!);
        const string corrupt = "{\n  \"version\": 1,\n  \"collections\": {\n    \"plugins\": {\n      \"rec\": {\"last_ev";
        File.WriteAllText(dir.StatePath, corrupt);

        using (var refused = dir.Start())
        {
            var code = await refused.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.NotEqual(0, code);
            Assert.Contains(dir.StatePath, refused.Output, StringComparison.Ordinal);
        }

        Assert.Equal(corrupt, File.ReadAllText(dir.StatePath));
        var latest = site.Store.LatestEventId;

        using var reset = dir.Start("--reset-state");
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "rec") == latest,
            "a fresh state after --reset-state", TimeSpan.FromSeconds(60));
        Assert.Equal(corrupt, File.ReadAllText(dir.StatePath + ".bak"));
        dir.Updates(3);
        await Eventually.TrueAsync(() => dir.Recorded("rec").Count == 3, "the daemon delivers new events", TimeSpan.FromSeconds(30));

        reset.Terminate();
        Assert.Equal(0, await reset.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([latest + 1, latest + 2, latest + 3], dir.Recorded("rec"));
        Assert.Equal(latest + 3, StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "rec"));
    }

    [Fact]
    public async Task Run_FirstSigtermWaitsForTheEventInHand_SecondExitsAtOnce()
    {
        await using var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential(EngineHarness.ScriptName, EngineHarness.ScriptKey)],
        });
        using var dir = new DaemonDirectory(site, """
            fetch_interval = 0.05
            start_from = latest
            shutdown_timeout = 120
            """, logging: "DEBUG");
        dir.AddPlugin("slow_recorder.csx", "slow");
        var latest = site.Store.LatestEventId;
        using var daemon = dir.Start();
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "slow") == latest || daemon.HasExited,
            "the daemon starts", TimeSpan.FromSeconds(60));
        dir.Updates(2);
        await Eventually.TrueAsync(() => dir.Recorded("slow").Count == 1 || daemon.HasExited, "slow holds its first event", TimeSpan.FromSeconds(30));
        Assert.False(daemon.HasExited, daemon.Output);

        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.Output.Contains("Received SIGTERM", StringComparison.Ordinal) || daemon.HasExited,
            "the first SIGTERM is taken", TimeSpan.FromSeconds(30));
        Assert.False(daemon.HasExited, "the first SIGTERM waits for the event in hand (shutdown_timeout = 120 s)\n" + daemon.Output);

        daemon.Terminate();
        Assert.Equal(130, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.Contains("Second stop signal", daemon.Output, StringComparison.Ordinal);
        Assert.Equal(latest, StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "slow")); // the last checkpoint stands
    }

    [Fact]
    public async Task Run_SecondDaemonOnTheSameStateFile_ExitsTwoNamingTheFirst_FirstRunsOn()
    {
        await using var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential(EngineHarness.ScriptName, EngineHarness.ScriptKey)],
        });
        using var dir = new DaemonDirectory(site, """
            fetch_interval = 0.05
            start_from = latest
            """);
        dir.AddPlugin("recorder.csx", "rec");
        var latest = site.Store.LatestEventId;
        using var first = dir.Start();
        await Eventually.TrueAsync(() => StateFileJson.LastEventId(dir.StatePath, DaemonDirectory.CollectionKey, "rec") == latest || first.HasExited,
            "the first daemon starts", TimeSpan.FromSeconds(60));
        Assert.False(first.HasExited, first.Output);

        using (var second = dir.Start())
        {
            Assert.Equal(2, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"state file {dir.StatePath} is in use by process {first.Id} on {Environment.MachineName}", second.Output,
                StringComparison.Ordinal);
        }

        // The first one never noticed: it delivers, once.
        dir.Updates(3);
        await Eventually.TrueAsync(() => dir.Recorded("rec").Count == 3, "the first daemon delivers", TimeSpan.FromSeconds(30));
        first.Terminate();
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([latest + 1, latest + 2, latest + 3], dir.Recorded("rec"));
    }

    private static HashSet<long> AllIds(EmulatorServer site)
    {
        var ids = new HashSet<long>();
        var from = 0;
        while (site.Store.ReadEvents(from, 5000) is { Count: > 0 } page)
        {
            foreach (var row in page)
            {
                ids.Add((long)row["id"]!);
            }

            from = (int)page[^1]["id"]!;
        }

        return ids;
    }
}
