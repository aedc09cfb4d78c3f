using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NLog;
using NLog.Extensions.Logging;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>run</c>: the daemon in the foreground, under the .NET Generic Host (systemd-aware).</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(RunOptions options)
    {
        var settings = SettingsLoader.Load(options.Config);
        await using var alerts = AlertsBootstrap.Start(settings);
        LoggingBootstrap.Apply(settings, alerts?.Target);
        var log = LogManager.GetLogger(LoggerNames.Engine);
        foreach (var warning in settings.Warnings)
        {
            log.Warn(warning.ToString());
        }

        if (options.ResetState)
        {
            StateReset.Reset(settings.Daemon.EventIdFile, log);
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSystemd();
        builder.Logging.AddNLog();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Daemon.ShutdownTimeout + TimeSpan.FromSeconds(10));

        await using var runtime = await DaemonRuntime.CreateAsync(settings, new RuntimeFlags { DryRun = options.DryRun }, CancellationToken.None)
            .ConfigureAwait(false);
        alerts?.UsePluginRecipients(runtime.PluginRecipients);
        builder.Services.AddSingleton(runtime.Engine);
        builder.Services.AddSingleton<DaemonService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DaemonService>());

        using var host = builder.Build();
        var service = host.Services.GetRequiredService<DaemonService>();
        using var signals = new SignalHandlers(host.Services.GetRequiredService<IHostApplicationLifetime>(), runtime.Engine);
        await host.RunAsync().ConfigureAwait(false);
        var failure = service.Failure;
        LogManager.Flush(TimeSpan.FromSeconds(5));
        return failure is null ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
