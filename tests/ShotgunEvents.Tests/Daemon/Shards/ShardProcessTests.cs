using ShotgunEvents.Daemon.Shards;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;
using Xunit.Abstractions;

namespace ShotgunEvents.Tests.Daemon.Shards;

/// <summary>
/// Shards as a studio runs them: three real daemon processes on one config (<c>run --shard K/3</c>), nine plugins, a
/// site this test writes to while they run. Every plugin's events are delivered exactly once across the three; a shard
/// that stops stops only its own plugins; a daemon started with another shard count is refused until <c>reshard</c>
/// moved the state, after which four shards carry on from where the three stopped, still exactly once.
/// </summary>
public sealed class ShardProcessTests(ITestOutputHelper output)
{
    private static readonly string[] Plugins = [.. Enumerable.Range(1, 9).Select(i => $"rec_{i}")];

    [Fact]
    public async Task Run_ThreeShardsNinePlugins_EachEventOnceAcrossShards_StopOneStopsItsOwn_ReshardToFourCarriesOn()
    {
        await using var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential(EngineHarness.ScriptName, EngineHarness.ScriptKey)],
        });
        using var dir = new DaemonDirectory(site, """
            fetch_interval = 0.1
            start_from = 1
            shutdown_timeout = 10
            """);
        // rec_9 is placed by hand; the rest by the hash of collection and name.
        File.AppendAllText(dir.ConfigPath, "\n[shards]\nrec_9 = 1\n");
        foreach (var plugin in Plugins)
        {
            dir.AddPlugin("recorder.csx", plugin);
        }

        var three = new ShardMap(3, new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["rec_9"] = 1 });
        var owner = Plugins.ToDictionary(p => p, p => three.Owner(DaemonDirectory.CollectionKey, p));
        output.WriteLine("owners: " + string.Join(", ", owner.Select(o => $"{o.Key}->{o.Value}")));
        Assert.All(Enumerable.Range(1, 3), k => Assert.Contains(k, owner.Values)); // every shard has work: the test means something

        site.Store.SeedEvents(200);
        var shards = Enumerable.Range(1, 3).Select(k => dir.Start("--shard", $"{k}/3")).ToList();
        try
        {
            dir.Updates(30);
            var all = AllIds(site);
            await Eventually.TrueAsync(() => shards.Any(s => s.HasExited) || Plugins.All(p => all.IsSubsetOf(dir.Recorded(p))),
                "every plugin records every event", TimeSpan.FromMinutes(4));
            Assert.False(shards.Any(s => s.HasExited), string.Join("\n---\n", shards.Select(s => s.Output)));
            foreach (var plugin in Plugins)
            {
                Assert.Empty(RecordFile.Duplicates(dir.Recorded(plugin)));
                Assert.Equal(all.Order(), dir.Recorded(plugin));
            }

            // Each shard's state file holds its plugins and no other; no plugin is in two.
            for (var k = 1; k <= 3; k++)
            {
                var file = ShardSpec.StateFileFor(dir.StatePath, k, 3);
                await Eventually.TrueAsync(() => StateFileJson.Positions(file, DaemonDirectory.CollectionKey).Count == owner.Count(o => o.Value == k),
                    $"shard {k}'s state file lists its plugins", TimeSpan.FromSeconds(30));
                Assert.Equal(owner.Where(o => o.Value == k).Select(o => o.Key).Order(StringComparer.Ordinal),
                    StateFileJson.Positions(file, DaemonDirectory.CollectionKey).Keys.Order(StringComparer.Ordinal));
            }

            Assert.False(File.Exists(dir.StatePath), "sharded daemons write no unsharded state file");

            // Stop shard 2: its plugins stop; the others' go on.
            var stopped = Plugins.Where(p => owner[p] == 2).ToList();
            shards[1].Terminate();
            Assert.Equal(0, await shards[1].WaitForExitAsync(TimeSpan.FromSeconds(60)));
            var before = stopped.ToDictionary(p => p, p => dir.Recorded(p).Count);
            dir.Updates(20);
            all = AllIds(site);
            await Eventually.TrueAsync(() => Plugins.Where(p => owner[p] != 2).All(p => all.IsSubsetOf(dir.Recorded(p))),
                "the running shards' plugins record the new events", TimeSpan.FromMinutes(2));
            Assert.All(stopped, p => Assert.Equal(before[p], dir.Recorded(p).Count));

            // Another shard count while the state is laid out for three: refused, saying how to move it.
            using (var four = dir.Start("--shard", "2/4"))
            {
                Assert.Equal(2, await four.WaitForExitAsync(TimeSpan.FromSeconds(90)));
                Assert.Contains("This daemon is shard 2/4, but the state beside", four.Output, StringComparison.Ordinal);
                Assert.Contains("run `shotgun-events reshard --to 4`", four.Output, StringComparison.Ordinal);
            }

            foreach (var shard in shards.Where(s => !s.HasExited))
            {
                shard.Terminate();
                Assert.Equal(0, await shard.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            }
        }
        finally
        {
            shards.ForEach(s => s.Dispose());
        }

        var positions = Enumerable.Range(1, 3)
            .SelectMany(k => StateFileJson.Positions(ShardSpec.StateFileFor(dir.StatePath, k, 3), DaemonDirectory.CollectionKey))
            .ToDictionary(p => p.Key, p => p.Value);
        using (var reshard = DaemonProcess.Start(dir.Root, "reshard", "--to", "4", "--config", dir.ConfigPath))
        {
            Assert.True(await reshard.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 0, reshard.Output);
        }

        var fourMap = new ShardMap(4, new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["rec_9"] = 1 });
        foreach (var plugin in Plugins)
        {
            var file = ShardSpec.StateFileFor(dir.StatePath, fourMap.Owner(DaemonDirectory.CollectionKey, plugin), 4);
            Assert.Equal(positions[plugin], StateFileJson.LastEventId(file, DaemonDirectory.CollectionKey, plugin));
        }

        Assert.All(Enumerable.Range(1, 3), k => Assert.True(File.Exists(ShardSpec.StateFileFor(dir.StatePath, k, 3) + ".before-reshard")));

        // Four shards resume: shard 2's plugins catch up on what they missed, every plugin still exactly once.
        dir.Updates(10);
        var fourShards = Enumerable.Range(1, 4).Select(k => dir.Start("--shard", $"{k}/4")).ToList();
        try
        {
            var all = AllIds(site);
            await Eventually.TrueAsync(() => fourShards.Any(s => s.HasExited) || Plugins.All(p => all.IsSubsetOf(dir.Recorded(p))),
                "every plugin records every event after the reshard", TimeSpan.FromMinutes(4));
            Assert.False(fourShards.Any(s => s.HasExited), string.Join("\n---\n", fourShards.Select(s => s.Output)));
            foreach (var plugin in Plugins)
            {
                Assert.Empty(RecordFile.Duplicates(dir.Recorded(plugin)));
                Assert.Equal(all.Order(), dir.Recorded(plugin));
            }

            foreach (var shard in fourShards)
            {
                shard.Terminate();
                Assert.Equal(0, await shard.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            }
        }
        finally
        {
            fourShards.ForEach(s => s.Dispose());
        }
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
