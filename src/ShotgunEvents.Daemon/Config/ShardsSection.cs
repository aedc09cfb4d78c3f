using ShotgunEvents.Daemon.Shards;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// How the plugins are shared among daemons: <c>[daemon] shard = K/N</c> (or <c>--shard</c>, <c>SHOTGUN_EVENTS_SHARD</c>,
/// or <c>SHOTGUN_EVENTS_SHARD_INDEX</c> with <c>SHOTGUN_EVENTS_SHARD_COUNT</c>) and the explicit <c>[shards]</c>
/// assignments. Unsharded (one daemon runs every plugin) by default.
/// </summary>
internal sealed record ShardsSection
{
    /// <summary>This daemon's shard, or null when one daemon runs every plugin.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>The configured <c>eventIdFile</c>: the state file of one shard, and the name the shards' files derive from.</summary>
    public string StateFileBase { get; init; } = string.Empty;

    /// <summary><c>[shards]</c>: plugin name (any case) to shard.</summary>
    public IReadOnlyDictionary<string, int> Assignments { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many shards share the plugins (1 unsharded).</summary>
    public int Count => Shard?.Count ?? 1;

    /// <summary>Who owns which plugin.</summary>
    public ShardMap Map => new(Count, Assignments);

    /// <summary>The state file of shard <paramref name="index"/>.</summary>
    public string StateFile(int index) => ShardSpec.StateFileFor(StateFileBase, index, Count);

    /// <summary>Whether this daemon runs a plugin of <paramref name="collection"/>, by name; null when it runs them all.</summary>
    /// <param name="collection">The collection's path as configured.</param>
    public Func<string, bool>? Owns(string collection)
    {
        if (Shard is not { Count: > 1 } shard)
        {
            return null;
        }

        var map = Map;
        return plugin => map.Owner(collection, plugin) == shard.Index;
    }
}
