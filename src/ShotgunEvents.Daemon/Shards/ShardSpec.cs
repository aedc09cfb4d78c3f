using System.Globalization;

namespace ShotgunEvents.Daemon.Shards;

/// <summary>
/// Which share of the plugins a daemon runs: shard <see cref="Index"/> of <see cref="Count"/> (<c>2/3</c>), both from 1.
/// Each shard has its own state file (<see cref="StateFileFor"/>), so its own lock, and no plugin runs in two shards.
/// </summary>
/// <param name="Index">This daemon's shard, 1 to <see cref="Count"/>.</param>
/// <param name="Count">How many shards share the plugins.</param>
internal sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The most shards: more daemons than that on one site would spend the site's rate limit on polling alone.</summary>
    public const int MaxCount = 64;

    /// <summary>Reads <c>K/N</c>; null with the reason when it is not one.</summary>
    public static ShardSpec? Parse(string text, out string? error)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            error = "is not K/N (this daemon's shard K of N shards, as 2/3)";
            return null;
        }

        error = count is < 1 or > MaxCount ? $"has N = {count}: give 1 to {MaxCount} shards"
            : index < 1 || index > count ? $"has K = {index}: a shard of {count} is 1 to {count}"
            : null;
        return error is null ? new ShardSpec(index, count) : null;
    }

    /// <summary>
    /// The state file of shard <paramref name="index"/> of <paramref name="count"/>: the configured <c>eventIdFile</c> itself
    /// for one shard, else <c>NAME.shard-K-of-N.EXT</c> beside it (the count in the name, so a change of count is seen).
    /// </summary>
    public static string StateFileFor(string baseFile, int index, int count)
    {
        if (count == 1)
        {
            return baseFile;
        }

        var directory = Path.GetDirectoryName(baseFile) ?? string.Empty;
        var extension = Path.GetExtension(baseFile);
        return Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(baseFile)}.shard-{index}-of-{count}{extension}"));
    }

    /// <summary>This shard's state file.</summary>
    public string StateFile(string baseFile) => StateFileFor(baseFile, Index, Count);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
