using System.Globalization;
using ShotgunEvents.Daemon.Shards;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// Reads the sharding: this daemon's shard from, first to last, <c>$SHOTGUN_EVENTS_SHARD</c> (<c>K/N</c>),
/// <c>$SHOTGUN_EVENTS_SHARD_INDEX</c> (a StatefulSet pod's ordinal, from 0) with <c>$SHOTGUN_EVENTS_SHARD_COUNT</c>, and
/// <c>[daemon] shard</c>; and <c>[shards]</c>, plugin name = shard. <c>run --shard K/N</c> overrides them all
/// (<see cref="WithShard"/>).
/// </summary>
internal static class ShardsSectionReader
{
    /// <summary><c>K/N</c>: this daemon's shard.</summary>
    public const string ShardVariable = "SHOTGUN_EVENTS_SHARD";

    /// <summary>This daemon's shard as an ordinal from 0 (a StatefulSet pod's index): shard ordinal + 1.</summary>
    public const string IndexVariable = "SHOTGUN_EVENTS_SHARD_INDEX";

    /// <summary>How many shards, with <see cref="IndexVariable"/>.</summary>
    public const string CountVariable = "SHOTGUN_EVENTS_SHARD_COUNT";

    /// <summary>The section of explicit assignments.</summary>
    public const string SectionName = "shards";

    /// <summary>Reads the sharding of one config file.</summary>
    /// <param name="context">The config being read.</param>
    /// <param name="stateFileBase">The configured <c>eventIdFile</c>, absolute.</param>
    /// <param name="embedded">True for <c>server = embedded</c>, which a shard cannot share.</param>
    public static ShardsSection Read(ConfigContext context, string stateFileBase, bool embedded)
    {
        ArgumentNullException.ThrowIfNull(context);
        var daemon = context.Section("daemon");
        var shard = FromEnvironment(context, daemon) ?? daemon.Parse<ShardSpec?>("shard", null, (string v, out ShardSpec? spec) =>
        {
            spec = ShardSpec.Parse(v, out var error);
            return error;
        });
        var count = shard?.Count ?? 1;
        if (count > 1 && embedded)
        {
            daemon.Error("shard", $"{shard} with server = embedded: the shards must read one site, and an embedded site lives inside each daemon");
        }

        return new ShardsSection { Shard = shard, StateFileBase = stateFileBase, Assignments = ReadAssignments(context, shard) };
    }

    /// <summary><c>run --shard K/N</c>: the settings for that shard, whatever the config and environment said.</summary>
    /// <exception cref="ConfigException">Not <c>K/N</c>, embedded, or an assignment beyond N.</exception>
    public static DaemonSettings WithShard(DaemonSettings settings, string text)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = Path.GetFileName(settings.ConfigPath);
        var shard = ShardSpec.Parse(text, out var error);
        error ??= shard!.Count > 1 && settings.Shotgun.IsEmbedded
            ? "cannot be used with server = embedded: the shards must read one site, and an embedded site lives inside each daemon"
            : settings.Shards.Assignments.FirstOrDefault(a => a.Value > shard.Count) is { Key: not null } beyond
                ? $"has {shard.Count} shard(s), but [shards] {beyond.Key} = {beyond.Value}"
                : null;
        if (error is not null)
        {
            throw new ConfigException([new ConfigDiagnostic(file, "daemon", "shard", null, $"--shard '{text}' {error}")]);
        }

        var shards = settings.Shards with { Shard = shard!.Count == 1 ? null : shard };
        return settings with
        {
            Shards = shards,
            Daemon = settings.Daemon with { EventIdFile = shard.StateFile(shards.StateFileBase) },
        };
    }

    private static ShardSpec? FromEnvironment(ConfigContext context, SectionReader daemon)
    {
        if (context.Env(ShardVariable) is { Length: > 0 } text)
        {
            var spec = ShardSpec.Parse(text, out var error);
            if (error is not null)
            {
                daemon.Error("shard", $"${ShardVariable} '{text}' {error}");
            }

            return spec;
        }

        var index = context.Env(IndexVariable);
        var count = context.Env(CountVariable);
        if (string.IsNullOrEmpty(index) && string.IsNullOrEmpty(count))
        {
            return null;
        }

        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            daemon.Error("shard", $"${IndexVariable} '{index}' and ${CountVariable} '{count}' must both be whole numbers (the pod's ordinal from 0, and the shard count)");
            return null;
        }

        var fromOrdinal = ShardSpec.Parse(string.Create(CultureInfo.InvariantCulture, $"{ordinal + 1}/{total}"), out var problem);
        if (problem is not null)
        {
            daemon.Error("shard", $"${IndexVariable} {ordinal} of ${CountVariable} {total}: shard {ordinal + 1}/{total} {problem} (are there more replicas than shards?)");
        }

        return fromOrdinal;
    }

    private static Dictionary<string, int> ReadAssignments(ConfigContext context, ShardSpec? shard)
    {
        var assignments = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var keys = context.Document.Find(SectionName)?.Entries.Select(e => e.Key).ToArray() ?? [];
        var r = context.Section(SectionName);
        if (keys.Length > 0 && shard is null)
        {
            r.Warn(keys[0], "no [daemon] shard is set, so one daemon runs every plugin and [shards] is ignored");
        }

        var count = shard?.Count ?? ShardSpec.MaxCount;
        foreach (var key in keys)
        {
            assignments[key] = r.Int(key, 1, min: 1, max: count);
        }

        return assignments;
    }
}
