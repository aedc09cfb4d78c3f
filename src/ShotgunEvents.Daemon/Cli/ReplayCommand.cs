using ShotgunEvents.Client.EventLog;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>replay --plugin NAME --event ID [--to ID] [--dry-run]</c>: one plugin over chosen past events, now. The state
/// file is not read or written, so the running daemon's position is untouched.
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
        LoggingBootstrap.Apply(settings, alertTarget: null);
        await using var runtime = await DaemonRuntime.CreateAsync(settings,
            new RuntimeFlags { DryRun = options.DryRun, EmbeddedActivity = false }, CancellationToken.None).ConfigureAwait(false);

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
            throw new UserErrorException($"No event with an id in {options.Event}..{to} on the site.", ExitCodes.Failure);
        }

        var failures = 0;
        foreach (var evt in events)
        {
            var outcome = await plugin.ProcessAsync(evt, CancellationToken.None).ConfigureAwait(false);
            output.WriteLine($"event {evt.Id} ({evt.EventType}): {outcome}");
            if (outcome != PluginOutcome.Handled)
            {
                failures++;
                break;
            }
        }

        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
