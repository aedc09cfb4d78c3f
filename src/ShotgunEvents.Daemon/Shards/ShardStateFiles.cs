using System.Globalization;
using System.Text.RegularExpressions;

namespace ShotgunEvents.Daemon.Shards;

/// <summary>
/// The state files of every shard count beside a configured <c>eventIdFile</c>: the file itself (one shard) and each
/// <c>NAME.shard-K-of-N.EXT</c>. What <see cref="ShardStateLayout"/> checks and <c>reshard</c> rewrites.
/// </summary>
internal static partial class ShardStateFiles
{
    /// <summary>Every state file of <paramref name="baseFile"/> on disk: (path, shard index, shard count).</summary>
    public static IReadOnlyList<(string Path, int Index, int Count)> Find(string baseFile)
    {
        var found = new List<(string, int, int)>();
        if (File.Exists(baseFile))
        {
            found.Add((baseFile, 1, 1));
        }

        var directory = Path.GetDirectoryName(baseFile);
        if (directory is null || !Directory.Exists(directory))
        {
            return found;
        }

        var stem = Path.GetFileNameWithoutExtension(baseFile);
        var extension = Path.GetExtension(baseFile);
        foreach (var file in Directory.EnumerateFiles(directory, stem + ".shard-*-of-*" + extension))
        {
            var name = Path.GetFileName(file);
            var middle = name[(stem.Length + 1)..^extension.Length];
            var match = ShardPart().Match(middle);
            if (match.Success && name == stem + "." + match.Value + extension)
            {
                found.Add((file, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)));
            }
        }

        return [.. found.OrderBy(f => f.Item3).ThenBy(f => f.Item2)];
    }

    [GeneratedRegex(@"^shard-(\d+)-of-(\d+)$")]
    private static partial Regex ShardPart();
}
