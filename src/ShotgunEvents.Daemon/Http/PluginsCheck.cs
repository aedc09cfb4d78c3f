using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShotgunEvents.Daemon.Events.Lanes;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// The plugins: not ready while they are being compiled and loaded at start (naming those not loaded yet); once
/// running, degraded (still ready: the others run on) while a plugin is stuck in a callback, let go by the head and
/// reading its own way forward, or still loading; an inactive plugin is its own problem and keeps the daemon ready.
/// </summary>
internal sealed class PluginsCheck(HttpSurface surface) : IHealthCheck
{
    public const string Name = "plugins";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var engine = surface.Engine;
        var deliveries = engine.Registry.Current;
        if (!engine.Started.IsCompletedSuccessfully)
        {
            var loading = engine.LoadingPlugins();
            return Task.FromResult(HealthCheckResult.Unhealthy(loading.Count > 0
                ? $"the plugins are still being compiled and loaded: {string.Join(", ", loading)}"
                : "the plugins are still being compiled and loaded"));
        }

        var site = engine.Poller?.SiteHead;
        var problems = new List<string>();
        foreach (var delivery in deliveries)
        {
            var plugin = delivery.Plugin;
            if (plugin.IsStuck && plugin.InFlight is { } call)
            {
                var since = surface.Time.GetUtcNow() - surface.Time.GetElapsedTime(call.StartedAt);
                problems.Add($"plugin {plugin.Name} stuck since {since.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} " +
                    $"on event {call.EventId} (callback {call.Callback ?? "?"})");
            }
            else if (delivery.ReportedMode is DeliveryMode.Detached or DeliveryMode.Joining)
            {
                var behind = site is null ? "" : $", {Math.Max(0, site.Id - (delivery.Progress.State.LastEventId ?? 0))} behind";
                problems.Add($"plugin {plugin.Name} detached from the head{behind}, reading its own way forward");
            }
            else if (plugin.IsLoading)
            {
                problems.Add($"plugin {plugin.Name} still loading");
            }
        }

        var active = deliveries.Count(d => d.Plugin.IsActive);
        var summary = $"{deliveries.Count} plugin(s) loaded, {active} active";
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(summary)
            : HealthCheckResult.Degraded($"{summary}; {string.Join("; ", problems)}"));
    }
}
