using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ShotgunEvents.Daemon.Shards;

/// <summary>
/// Which shard owns a plugin: its <c>[shards]</c> assignment, else a stable hash of its collection (as configured) and
/// its name, the same on every host and in every process, whatever else changes (adding a plugin moves no other).
/// </summary>
internal sealed class ShardMap
{
    private readonly IReadOnlyDictionary<string, int> _assignments;

    /// <summary>Creates the map for <paramref name="count"/> shards.</summary>
    /// <param name="count">How many shards.</param>
    /// <param name="assignments">Plugin name (any case) to shard, 1 to <paramref name="count"/>.</param>
    public ShardMap(int count, IReadOnlyDictionary<string, int> assignments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _assignments = assignments;
    }

    /// <summary>How many shards.</summary>
    public int Count { get; }

    /// <summary>The shard, 1 to <see cref="Count"/>, that runs <paramref name="plugin"/> of <paramref name="collection"/>.</summary>
    /// <param name="collection">The collection's path as the config writes it (the state file's key).</param>
    /// <param name="plugin">The plugin's name (file stem).</param>
    public int Owner(string collection, string plugin)
    {
        if (Count == 1)
        {
            return 1;
        }

        if (_assignments.TryGetValue(plugin, out var assigned))
        {
            return assigned;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(collection + "\n" + plugin), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)Count) + 1;
    }
}
