using System.Text.RegularExpressions;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>new NAME</c>: writes a commented plugin skeleton that compiles as it is.</summary>
internal static partial class NewPluginCommand
{
    public static int Run(string name, string directory, TextWriter output)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new UserErrorException($"'{name}' is not a valid plugin name: use letters, digits, '_' and '-', starting with a letter.");
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".csx");
        if (File.Exists(path))
        {
            throw new UserErrorException($"{path} already exists; pick another name or edit that file.");
        }

        File.WriteAllText(path, Template
            .Replace("__UPPER__", name.ToUpperInvariant().Replace('-', '_'), StringComparison.Ordinal)
            .Replace("__NAME__", name, StringComparison.Ordinal));
        output.WriteLine($"Wrote {path}. The running daemon picks it up as soon as it is saved.");
        try
        {
            if (EditorSupport.Write(directory))
            {
                output.WriteLine($"Wrote editor support to {directory} (omnisharp.json, {EditorSupport.DirectoryName}/): open that folder in VS Code for IntelliSense.");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The plugin is written; IntelliSense is a convenience.
            output.WriteLine($"Editor support not written: {ex.Message}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>The directory <c>new</c> writes to: <c>--dir</c>, else the first configured plugin collection.</summary>
    public static string TargetDirectory(NewPluginOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Directory))
        {
            return options.Directory;
        }

        var settings = Hosting.SettingsLoader.Load(options.Config);
        return settings.Plugins.Paths.Count > 0
            ? settings.Plugins.Paths[0].FullPath
            : throw new UserErrorException("No [plugins] paths in the configuration; pass --dir.");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex ValidName();

    private const string Template = """
        // __NAME__.csx: a ShotgunEvents plugin.
        //
        // The daemon compiles this file with Roslyn and reloads it the moment you save it. `registerCallbacks` runs on
        // every (re)load; each registered callback then receives every event its filter matches, strictly in id order.
        // `shotgun-events check __NAME__.csx` compiles it without starting anything; `shotgun-events replay --plugin
        // __NAME__ --event ID --dry-run` runs it on a past event without writing to the site.
        //
        // In scope without a `using`: ShotgunEvents.Api (Registrar, MatchEvents, ShotgunEvent, IShotgun, Filter, ...),
        // System, System.Linq, System.Threading.Tasks, Newtonsoft.Json.Linq (JObject) and NLog (Logger); and
        // Env("NAME"), Setting("key"), Log and PluginName.

        void registerCallbacks(Registrar reg)
        {
            // Which events to receive: event type -> attribute names (null for any attribute).
            // An empty MatchEvents receives everything; a "*" key matches every event type.
            var match = new MatchEvents
            {
                ["Shotgun_Shot_Change"] = ["sg_status_list"],
            };

            // Without credentials the callback's connection uses the daemon's own script user. Upstream practice is one
            // script user per plugin, so the event log shows which plugin made a change:
            //   reg.RegisterCallback(Env("SGDAEMON___UPPER___NAME"), Env("SGDAEMON___UPPER___KEY"), OnShotStatus, match);
            // stopOnError: true deactivates the plugin at the failing event until the file changes, then resumes there.
            reg.RegisterCallback(OnShotStatus, match, args: null, stopOnError: true);
        }

        // sg: this callback's connection; log: the logger "plugin.__NAME__.OnShotStatus"; e: the event; args: what you
        // passed at registration (the same instance every time, handy for shared state).
        async Task OnShotStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args)
        {
            if (e.Entity is null)
            {
                return; // the shot was retired before the event was read
            }

            var shot = await sg.FindOneAsync("Shot", Filter.Is("id", e.Entity.Id), "code", "sg_status_list");
            log.Info("Shot {0} status: {1} -> {2} (by {3})", shot?["code"], e.Meta["old_value"], e.Meta["new_value"], e.User);
        }

        """;
}
