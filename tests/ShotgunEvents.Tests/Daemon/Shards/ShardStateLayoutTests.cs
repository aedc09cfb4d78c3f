using ShotgunEvents.Daemon;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Shards;
using ShotgunEvents.Daemon.State;
using ShotgunEvents.Tests.Daemon.Config;

namespace ShotgunEvents.Tests.Daemon.Shards;

/// <summary>The check before a shard runs: the state on disk is laid out for the same shards (real state files).</summary>
public sealed class ShardStateLayoutTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EnsureMatches_SameCountAndEveryPluginInItsShard_Passes()
    {
        var settings = Load("shard = 1/2");
        var map = settings.Shards.Map;
        Save(settings.Shards.StateFile(1), ("a", 10L), ("b", 20L), ("c", 30L), ("d", 40L));
        MoveMisplaced(settings, map);

        ShardStateLayout.EnsureMatches(settings);
    }

    [Fact]
    public void EnsureMatches_StateOfAnotherCount_RefusesNamingTheFilesAndReshard()
    {
        var settings = Load("shard = 2/3");
        Save(settings.Shards.StateFileBase, ("a", 10L));

        var error = Assert.Throws<UserErrorException>(() => ShardStateLayout.EnsureMatches(settings));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("This daemon is shard 2/3, but the state beside", error.Message, StringComparison.Ordinal);
        Assert.Contains("is for one daemon (shotgun-events.state.json)", error.Message, StringComparison.Ordinal);
        Assert.Contains("`shotgun-events reshard --to 3`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureMatches_UnshardedWithShardFilesBeside_Refuses()
    {
        var sharded = Load("shard = 1/2");
        Save(sharded.Shards.StateFile(2), ("a", 10L));
        var settings = Load(string.Empty);

        var error = Assert.Throws<UserErrorException>(() => ShardStateLayout.EnsureMatches(settings));

        Assert.Contains("This daemon runs every plugin (no [daemon] shard), but the state beside", error.Message, StringComparison.Ordinal);
        Assert.Contains("is for 2 shards (shotgun-events.state.shard-2-of-2.json)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureMatches_APluginAssignedElsewhereSinceItRan_RefusesNamingThePluginAndBothShards()
    {
        var settings = Load("shard = 1/2", "[shards]\nmoved = 2\n");
        Save(settings.Shards.StateFile(1), ("moved", 10L));

        var error = Assert.Throws<UserErrorException>(() => ShardStateLayout.EnsureMatches(settings));

        Assert.Contains("plugin moved (scripts) now belongs to shard 2/2, but its position is in shard 1's state file", error.Message, StringComparison.Ordinal);
    }

    private DaemonSettings Load(string daemon, string extra = "")
    {
        var path = _dir.WriteMinimal(daemon: "eventIdFile = state/shotgun-events.state.json\n" + daemon, shotgun: "");
        File.WriteAllText(path, File.ReadAllText(path).Replace("server = embedded", "server = https://studio.example.com\nname = d\nkey = k", StringComparison.Ordinal) + extra);
        return ConfigLoader.Load(path, ConfigDirectory.Env());
    }

    private static void Save(string path, params (string Plugin, long Last)[] plugins)
    {
        var state = new DaemonState();
        foreach (var (plugin, last) in plugins)
        {
            state.Set("scripts", plugin, new PluginState(last));
        }

        new StateFile(path).Save(state);
    }

    /// <summary>Puts each plugin of shard 1's file where the map says, as a daemon of each shard would have.</summary>
    private static void MoveMisplaced(DaemonSettings settings, ShardMap map)
    {
        var first = new StateFile(settings.Shards.StateFile(1)).Load()!;
        var files = Enumerable.Range(1, map.Count).Select(_ => new DaemonState()).ToArray();
        foreach (var (plugin, state) in first.Plugins("scripts"))
        {
            files[map.Owner("scripts", plugin) - 1].Set("scripts", plugin, state);
        }

        for (var k = 1; k <= map.Count; k++)
        {
            new StateFile(settings.Shards.StateFile(k)).Save(files[k - 1]);
        }
    }
}
