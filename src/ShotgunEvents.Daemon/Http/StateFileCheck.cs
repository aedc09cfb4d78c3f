using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// The state file: not ready while it cannot be written (a read-only or full disk): the daemon still delivers, but a
/// crash would deliver again everything since the last write, so an orchestrator should know.
/// </summary>
internal sealed class StateFileCheck(HttpSurface surface) : IHealthCheck
{
    public const string Name = "state_file";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var writer = surface.Engine.Writer;
        if (writer is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("not loaded yet"));
        }

        var last = writer.LastResult;
        return Task.FromResult(last.Written
            ? HealthCheckResult.Healthy($"{writer.Path} written")
            : HealthCheckResult.Unhealthy($"{writer.Path} cannot be written: {last.Error}"));
    }
}
