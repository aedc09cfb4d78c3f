using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Cli;
using ShotgunEvents.Daemon.Shards;
using ShotgunEvents.Daemon.State;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>status</c> on a sharded config: every shard's state file and plugins, whichever shard the config names.</summary>
public sealed class StatusCommandShardsTests
{
    [Fact]
    public async Task Status_ThreeShards_ShowsEachShardsStateFileAndOnlyItsPlugins()
    {
        using var sandbox = new CliSandbox();
        // A site that refuses at once: status says it cannot reach it and shows the files all the same.
        sandbox.WriteConfig("http://127.0.0.1:9/", "daemon", "key", daemonExtra: "shard = 2/3");
        var plugins = new[] { "alpha", "beta", "gamma", "delta", "epsilon", "zeta" };
        var map = new ShardMap(3, new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase));
        foreach (var plugin in plugins)
        {
            sandbox.Write($"plugins/{plugin}.csx", "void registerCallbacks(Registrar reg) { }\n");
        }

        for (var k = 1; k <= 3; k++)
        {
            var state = new DaemonState();
            foreach (var plugin in plugins.Where(p => map.Owner("plugins", p) == k))
            {
                state.Set("plugins", plugin, new PluginState(100 + k));
            }

            new StateFile(ShardSpec.StateFileFor(sandbox.StatePath, k, 3)).Save(state);
        }

        using var text = new StringWriter();
        Assert.Equal(0, await StatusCommand.RunAsync(new StatusOptions { Config = sandbox.ConfigPath }, text));
        using var json = new StringWriter();
        Assert.Equal(0, await StatusCommand.RunAsync(new StatusOptions { Config = sandbox.ConfigPath, Json = true }, json));

        var sections = text.ToString().Split("Shard ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, sections.Length);
        var shards = (JArray)JObject.Parse(json.ToString())["shards"]!;
        for (var k = 1; k <= 3; k++)
        {
            Assert.StartsWith($"{k}/3\nState file: {ShardSpec.StateFileFor(sandbox.StatePath, k, 3)}\n", sections[k - 1], StringComparison.Ordinal);
            var owned = plugins.Where(p => map.Owner("plugins", p) == k).Order(StringComparer.Ordinal).ToList();
            var listed = shards[k - 1]["plugins"]!.Select(r => (string)r["plugin"]!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(owned, listed);
            Assert.Equal($"{k}/3", (string?)shards[k - 1]["shard"]);
            Assert.All(shards[k - 1]["plugins"]!, r => Assert.Equal(100 + k, (long)r["last_event_id"]!));
        }
    }
}
