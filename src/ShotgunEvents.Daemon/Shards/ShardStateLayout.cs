using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Shards;

/// <summary>
/// Before a daemon runs its shard: the state on disk is laid out for the same shards. Each plugin's position is in one
/// shard's file; a daemon started with another shard count (or after a <c>[shards]</c> change) would not find the
/// positions of the plugins it now owns and start them over (skipping events, or repeating them). So it refuses, and
/// says how to move the state: stop every shard, <c>shotgun-events reshard --to N</c>, start the shards again.
/// </summary>
internal static class ShardStateLayout
{
    /// <summary>Throws when the state on disk belongs to another sharding than <paramref name="settings"/>'.</summary>
    /// <exception cref="UserErrorException">Another shard count's files, or a plugin's position in another shard's file (exit 2).</exception>
    public static void EnsureMatches(DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var shards = settings.Shards;
        var count = shards.Count;
        var files = ShardStateFiles.Find(shards.StateFileBase);
        var others = files.Where(f => f.Count != count).ToList();
        if (others.Count > 0)
        {
            var counts = string.Join(" and ", others.Select(f => f.Count).Distinct().Order().Select(c => c == 1 ? "one daemon" : $"{c} shards"));
            throw new UserErrorException(
                $"{ThisDaemon(shards)}, but the state beside {shards.StateFileBase} is for {counts} ({string.Join(", ", others.Select(f => Path.GetFileName(f.Path)))}). " +
                $"Starting anyway would start plugins over in their new shards. Stop every daemon of this config, run `shotgun-events reshard --to {count}`, " +
                "then start the shards (README, Shards).");
        }

        var map = shards.Map;
        foreach (var (path, index, _) in files)
        {
            var state = TryLoad(path);
            foreach (var collection in state?.CollectionPaths ?? [])
            {
                foreach (var (plugin, _) in state!.Plugins(collection))
                {
                    var owner = map.Owner(collection, plugin);
                    if (owner != index)
                    {
                        throw new UserErrorException(
                            $"{ThisDaemon(shards)}; plugin {plugin} ({collection}) now belongs to shard {owner}/{count}, but its position is in shard " +
                            $"{index}'s state file {Path.GetFileName(path)} ([shards] changed?). Stop every daemon of this config, run " +
                            $"`shotgun-events reshard --to {count}`, then start the shards (README, Shards).");
                    }
                }
            }
        }
    }

    private static string ThisDaemon(ShardsSection shards) =>
        shards.Shard is { } shard ? $"This daemon is shard {shard}" : "This daemon runs every plugin (no [daemon] shard)";

    /// <summary>Another shard's file, read only to look: one that cannot be read is that shard's own error to report.</summary>
    private static DaemonState? TryLoad(string path)
    {
        try
        {
            return new StateFile(path).Load();
        }
        catch (Exception ex) when (ex is StateFileException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
