using System.Reflection;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// The first lines of <c>run</c>: what it runs with (config file, site, plugin folders, log and state folders, HTTP) and
/// how to stop it, so a TD who started it, or reads its journal, knows where everything is without the README.
/// </summary>
internal static class StartupBanner
{
    /// <summary>The lines, in order.</summary>
    /// <param name="settings">The configuration in use.</param>
    /// <param name="logging">The logging as applied.</param>
    /// <param name="shard">The shard this daemon runs, or null for all plugins.</param>
    public static IReadOnlyList<string> Lines(DaemonSettings settings, AppliedLogging logging, string? shard = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logging);
        var daemon = settings.Daemon;
        var site = settings.Shotgun.IsEmbedded
            ? "the embedded demo site, inside this process (its address follows)"
            : settings.Shotgun.Url!.ToString();
        var perPlugin = daemon.LogMode == LogMode.PerPlugin ? ", and a file for each plugin" : string.Empty;
        var http = settings.Http.Listen is { } listen
            ? $"HTTP: listening on {listen} (/ /healthz /readyz /metrics /api/status{(settings.Http.Webhook ? " /webhook" : string.Empty)})."
            : "HTTP: off (set [http] listen for the status page, /healthz, /readyz and /metrics).";
        return
        [
            $"shotgun-events {Version()} starting{(shard is null ? string.Empty : $" as shard {shard}")}; config: {settings.ConfigPath}",
            $"Site: {site}",
            $"Plugin folders: {string.Join(", ", settings.Plugins.Paths.Select(p => p.FullPath))}",
            $"Logs: {logging.Variables.LogDir} ({logging.Variables.LogFile}{perPlugin}); state: {daemon.EventIdFile}",
            http,
            "Ctrl-C (or SIGTERM) to stop: the events in hand are finished and the state is written first.",
        ];
    }

    private static string Version() =>
        typeof(StartupBanner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
}
