using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>migrate-state FILE</c>: the upstream daemon's <c>shotgunEventDaemon.id</c> into our state file.</summary>
internal static class MigrateStateCommand
{
    public static int Run(MigrateStateOptions options, TextWriter output)
    {
        var settings = SettingsLoader.Load(options.Config);
        if (!File.Exists(options.File))
        {
            throw new UserErrorException($"{options.File}: no such file.");
        }

        var target = new StateFile(settings.Daemon.EventIdFile);
        if (File.Exists(target.Path) && !options.Force)
        {
            throw new UserErrorException($"{target.Path} already exists; pass --force to replace it.");
        }

        var imported = UpstreamStateImporter.Import(options.File);
        target.Save(imported);
        foreach (var collection in imported.CollectionPaths)
        {
            foreach (var (plugin, state) in imported.Plugins(collection))
            {
                output.WriteLine($"{collection} / {plugin}: last event {state.LastEventId?.ToString() ?? "none"}, {state.Backlog.Count} backlogged id(s)");
            }
        }

        if (imported.DefaultLastEventId is { } start)
        {
            output.WriteLine($"Old plain-integer format: every plugin starts after event {start}.");
        }

        output.WriteLine($"Wrote {target.Path}.");
        return ExitCodes.Ok;
    }
}
