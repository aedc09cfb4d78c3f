using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>migrate-state FILE</c>: the upstream daemon's <c>shotgunEventDaemon.id</c> into our state file. An upstream
/// config kept as it is names the pickle itself as <c>eventIdFile</c>; then the pickle is kept beside it as
/// <c>FILE.upstream</c> and replaced by the JSON state, with no <c>--force</c> needed.
/// </summary>
internal static class MigrateStateCommand
{
    public static int Run(MigrateStateOptions options, TextWriter output)
    {
        var settings = SettingsLoader.Load(options.Config);
        var source = Path.GetFullPath(options.File);
        if (!File.Exists(source))
        {
            throw new UserErrorException($"{options.File}: no such file.");
        }

        var target = new StateFile(settings.Daemon.EventIdFile);
        var sameFile = string.Equals(source, target.Path, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        if (File.Exists(target.Path) && !sameFile && !options.Force)
        {
            throw new UserErrorException($"{target.Path} already exists; pass --force to replace it (the old file is kept as .bak).");
        }

        // Read everything before writing anything: a file that is not upstream state leaves the disk untouched.
        var imported = UpstreamStateImporter.Import(source);
        if (sameFile)
        {
            var backup = FreeName(source + ".upstream");
            File.Copy(source, backup);
            output.WriteLine($"Kept the upstream file as {backup}.");
        }
        else if (File.Exists(target.Path))
        {
            File.Copy(target.Path, target.Path + ".bak", overwrite: true);
            output.WriteLine($"Kept the previous state file as {target.Path}.bak.");
        }

        target.Save(imported);
        foreach (var collection in imported.CollectionPaths)
        {
            foreach (var (plugin, state) in imported.Plugins(collection))
            {
                output.WriteLine($"{collection} / {plugin}: last event {state.LastEventId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, {state.Backlog.Count} backlogged id(s)");
            }
        }

        var configured = settings.Plugins.Paths.SelectMany(p => new[] { p.Configured, p.FullPath }).ToHashSet(StringComparer.Ordinal);
        foreach (var collection in imported.CollectionPaths.Where(c => !configured.Contains(c)))
        {
            output.WriteLine($"Note: {collection} is not in [plugins] paths; a plugin of the same name in another collection takes up its position.");
        }

        if (imported.DefaultLastEventId is { } start)
        {
            output.WriteLine($"Old plain-integer format: every plugin starts after event {start}.");
        }

        output.WriteLine($"Wrote {target.Path}.");
        return ExitCodes.Ok;
    }

    /// <summary><paramref name="path"/>, or <c>path.1</c>, <c>path.2</c>...: an earlier backup is never overwritten.</summary>
    private static string FreeName(string path)
    {
        var candidate = path;
        for (var n = 1; File.Exists(candidate); n++)
        {
            candidate = $"{path}.{n}";
        }

        return candidate;
    }
}
