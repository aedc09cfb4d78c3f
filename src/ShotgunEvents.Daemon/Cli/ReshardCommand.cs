using System.Globalization;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.Shards;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>reshard --to N</c>: every state file of the config (one daemon's, or any shard count's) read, each plugin's
/// position (last event and backlog) written into the state file of the shard that owns it under N shards and the
/// config's <c>[shards]</c>, the old files kept as <c>.before-reshard</c>. Nothing runs meanwhile: it refuses while any
/// daemon holds one of those files. A plugin found in two files (moved by a <c>[shards]</c> change after it ran) keeps
/// the further position.
/// </summary>
internal static class ReshardCommand
{
    public static int Run(ReshardOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = SettingsLoader.Load(options.Config);
        var count = options.To;
        if (count is < 1 or > ShardSpec.MaxCount)
        {
            throw new UserErrorException($"--to {count}: give 1 to {ShardSpec.MaxCount} shards.");
        }

        if (count > 1 && settings.Shotgun.IsEmbedded)
        {
            throw new UserErrorException($"--to {count}: shards must read one site; with server = embedded each daemon has its own.");
        }

        if (settings.Shards.Assignments.FirstOrDefault(a => a.Value > count) is { Key: not null } beyond)
        {
            throw new UserErrorException($"--to {count}, but [shards] {beyond.Key} = {beyond.Value}: change that assignment first.");
        }

        var baseFile = settings.Shards.StateFileBase;
        var files = ShardStateFiles.Find(baseFile);
        if (files.Count == 0)
        {
            output.WriteLine($"No state beside {baseFile} yet: nothing to move. Start the {count} shard(s); each begins as on a first start.");
            return ExitCodes.Ok;
        }

        foreach (var (path, _, _) in files)
        {
            if (RunningDaemon.On(path) is { } daemon)
            {
                throw new UserErrorException($"{path} is in use by process {daemon.Pid} on {daemon.Host}: stop every daemon of this config first.", ExitCodes.Failure);
            }
        }

        // Read everything before writing anything: an unreadable file leaves the disk as it was.
        var merged = new DaemonState();
        foreach (var (path, _, _) in files)
        {
            var state = new StateFile(path).Load() ?? new DaemonState();
            Merge(merged, state);
        }

        var map = new ShardMap(count, settings.Shards.Assignments);
        var targets = Enumerable.Range(1, count).Select(_ => new DaemonState { DefaultLastEventId = merged.DefaultLastEventId }).ToArray();
        foreach (var collection in merged.CollectionPaths)
        {
            foreach (var target in targets)
            {
                target.AddCollection(collection);
            }

            foreach (var (plugin, state) in merged.Plugins(collection))
            {
                targets[map.Owner(collection, plugin) - 1].Set(collection, plugin, state);
            }
        }

        foreach (var (path, _, _) in files)
        {
            File.Move(path, FreeName(path + ".before-reshard"));
        }

        for (var index = 1; index <= count; index++)
        {
            var path = ShardSpec.StateFileFor(baseFile, index, count);
            new StateFile(path).Save(targets[index - 1]);
            var plugins = targets[index - 1].CollectionPaths.SelectMany(c => targets[index - 1].Plugins(c).Select(p => p.Key)).Order(StringComparer.Ordinal).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shard {index}/{count}: {path}: {plugins.Count} plugin(s){(plugins.Count == 0 ? string.Empty : ": " + string.Join(", ", plugins))}"));
        }

        output.WriteLine($"The old state files are kept as *.before-reshard. Now set [daemon] shard = K/{count} (or --shard K/{count}) for each daemon and start them.");
        return ExitCodes.Ok;
    }

    private static void Merge(DaemonState into, DaemonState from)
    {
        if (from.DefaultLastEventId is { } legacy)
        {
            into.DefaultLastEventId = Math.Max(into.DefaultLastEventId ?? 0, legacy);
        }

        foreach (var collection in from.CollectionPaths)
        {
            into.AddCollection(collection);
            foreach (var (plugin, state) in from.Plugins(collection))
            {
                var known = into.Find(collection, plugin);
                if (known is null || (state.LastEventId ?? 0) > (known.LastEventId ?? 0))
                {
                    into.Set(collection, plugin, state);
                }
            }
        }
    }

    private static string FreeName(string path)
    {
        var candidate = path;
        for (var n = 2; File.Exists(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{path}.{n}");
        }

        return candidate;
    }
}
