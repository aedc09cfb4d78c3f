using NLog.Targets;
using ShotgunEvents.Daemon.Alerts;
using ShotgunEvents.Daemon.Config;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>The mail alert pipeline when <c>[emails] enabled</c>: a dispatcher sending off the event path and its NLog target.</summary>
internal sealed class AlertsBootstrap : IAsyncDisposable
{
    private readonly AlertDispatcher _dispatcher;
    private Func<string, IReadOnlyList<string>?> _pluginRecipients = static _ => null;

    private AlertsBootstrap(EmailAlertOptions options)
    {
        _dispatcher = new AlertDispatcher(options, name => _pluginRecipients(name));
        Target = new AlertMailTarget(_dispatcher);
        _dispatcher.Start();
    }

    /// <summary>The NLog target that feeds the dispatcher.</summary>
    public Target Target { get; }

    /// <summary>Null when mail is disabled.</summary>
    public static AlertsBootstrap? Start(DaemonSettings settings) =>
        settings.Emails.Enabled ? new AlertsBootstrap(SettingsMapping.ToEmailOptions(settings)) : null;

    /// <summary>Routes a plugin's alerts to the recipients its <c>SetEmails</c> chose.</summary>
    public void UsePluginRecipients(Func<string, IReadOnlyList<string>?> resolver) => _pluginRecipients = resolver;

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _dispatcher.StopAsync(cts.Token).ConfigureAwait(false);
        await _dispatcher.DisposeAsync().ConfigureAwait(false);
    }
}
