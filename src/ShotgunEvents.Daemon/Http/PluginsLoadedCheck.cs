using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShotgunEvents.Daemon.Http;

/// <summary>Ready once every plugin collection was loaded and each plugin has its lane.</summary>
internal sealed class PluginsLoadedCheck(HttpSurface surface) : IHealthCheck
{
    public const string Name = "plugins_loaded";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!surface.Engine.Started.Task.IsCompletedSuccessfully)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the plugins are still being compiled and loaded"));
        }

        var workers = surface.Engine.Workers;
        var active = workers.Count(w => w.IsActive);
        // An inactive plugin is the plugin's problem, not the daemon's: the others run on, so it stays ready.
        return Task.FromResult(HealthCheckResult.Healthy($"{workers.Count} plugin(s) loaded, {active} active"));
    }
}
