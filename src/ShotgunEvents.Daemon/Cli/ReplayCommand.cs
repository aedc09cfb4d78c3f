using ShotgunEvents.Client.EventLog;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>replay --plugin NAME --event ID [--to ID] [--dry-run]</c>: one plugin over chosen past events, now. The state
/// file is not read or written, so the running daemon's position is untouched; nor are its log files (a replay logs to
/// the console, every line marked <c>[replay]</c>) or its saved embedded site.
/// </summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(ReplayOptions options, TextWriter output)
    {
        var to = options.To ?? options.Event;
        if (options.Event <= 0 || to < options.Event)
        {
            throw new UserErrorException($"--event {options.Event} --to {to}: give a positive id, and --to at or above it.");
        }

        var settings = SettingsLoader.Load(options.Config);
        // Console only, every line marked: the running daemon's log files and state are its own.
        MarkedConsoleLogging.Apply(SettingsMapping.ToNLog(settings.Daemon.Logging), Marker, settings.Daemon.LogFormat == LogFormat.Json);
        if (settings.Shotgun.IsEmbedded)
        {
            settings = EmbeddedSite(settings, output);
        }

        await using var runtime = await DaemonRuntime.CreateAsync(settings,
            new RuntimeFlags { DryRun = options.DryRun, EmbeddedActivity = false, SaveEmbeddedSite = false }, CancellationToken.None).ConfigureAwait(false);

        Plugin? plugin = null;
        foreach (var (collection, _) in runtime.Collections)
        {
            await collection.LoadAsync(CancellationToken.None).ConfigureAwait(false);
            plugin ??= collection.Plugins.FirstOrDefault(p => p.Name == options.Plugin);
        }

        if (plugin is null)
        {
            throw new UserErrorException($"No plugin named '{options.Plugin}' in [plugins] paths.");
        }

        if (!plugin.IsActive)
        {
            throw new UserErrorException($"Plugin '{plugin.Name}' is not usable: {plugin.InactiveReason}", ExitCodes.Failure);
        }

        var log = new ClientEventLogReader(runtime.EngineConnection);
        var events = await log.ReadRangeAsync(options.Event, to, CancellationToken.None).ConfigureAwait(false);
        if (events.Count == 0)
        {
            var newest = (await log.LatestAsync(CancellationToken.None).ConfigureAwait(false))?.Id ?? 0;
            throw new UserErrorException($"No event with an id in {options.Event}..{to} on the site ({runtime.SiteUri}; its newest event is {newest}).",
                ExitCodes.Failure);
        }

        var failures = 0;
        foreach (var evt in events)
        {
            var outcome = await plugin.ProcessAsync(evt, CancellationToken.None).ConfigureAwait(false);
            output.WriteLine($"{Marker} event {evt.Id} ({evt.EventType}): {outcome}");
            if (outcome != PluginOutcome.Handled)
            {
                failures++;
                break;
            }
        }

        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>What starts every line a replay prints.</summary>
    public const string Marker = "[replay]";

    /// <summary>
    /// Which site a replay with <c>server = embedded</c> reads, said plainly: the running daemon's own embedded site when
    /// a daemon runs on this config (the events <c>status</c> shows are there; the demo site lets its pipeline script in
    /// whatever key the daemon made up), else a copy of the demo site as a daemon saved it when it last stopped, or a
    /// freshly seeded one. A copy is never saved back.
    /// </summary>
    private static DaemonSettings EmbeddedSite(DaemonSettings settings, TextWriter output)
    {
        if (RunningDaemon.On(settings.Daemon.EventIdFile) is { IsLocal: true, Site: { } address } daemon
            && Uri.TryCreate(address, UriKind.Absolute, out var site))
        {
            output.WriteLine($"{Marker} server = embedded, and a daemon (pid {daemon.Pid}) runs on this config: replaying against its " +
                             $"embedded site at {site} (the events status shows).");
            return settings with
            {
                Shotgun = settings.Shotgun with { Url = site, ScriptName = DemoCredentials.ScriptName, ScriptKey = DemoCredentials.ScriptKey },
            };
        }

        var saved = DaemonRuntime.EmbeddedSitePath(settings.Daemon);
        var copy = File.Exists(saved)
            ? $"the demo site as a daemon saved it when it last stopped ({saved}, {File.GetLastWriteTimeUtc(saved):yyyy-MM-dd HH:mm:ss} UTC)"
            : $"a freshly seeded demo site (no daemon has saved one yet at {saved})";
        output.WriteLine($"{Marker} server = embedded and no daemon runs on this config: replaying against {copy}; nothing of it is saved.");
        return settings;
    }
}
