using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// Ready while the event log is read: the last poll succeeded within 3 x <c>fetch_interval</c>, or the outage has
/// lasted fewer than <c>max_conn_retries</c> attempts (a blip should not pull the pod out of service). Says which it
/// is when not: the site failing, or the poller not polling at all (in serial mode, a plugin holding it).
/// </summary>
internal sealed class SitePollingCheck(HttpSurface surface) : IHealthCheck
{
    public const string Name = "site_polling";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var poller = surface.Engine.Poller;
        if (poller is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("not started yet"));
        }

        var daemon = surface.Settings.Daemon;
        var since = surface.Time.GetElapsedTime(poller.LastSuccess);
        var limit = daemon.FetchInterval * 3;
        var failures = poller.FailedAttempts;
        var ago = Seconds(since);
        if (since <= limit)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"last poll {ago} s ago"));
        }

        if (failures > 0 && failures < daemon.MaxConnRetries)
        {
            return Task.FromResult(HealthCheckResult.Healthy(
                $"site unavailable for {failures} attempt(s), fewer than max_conn_retries = {daemon.MaxConnRetries}"));
        }

        if (failures > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"the site does not answer: {failures} failed attempt(s) in a row (max_conn_retries = {daemon.MaxConnRetries}); last successful poll {ago} s ago"));
        }

        var holder = surface.Engine.Registry.Current.FirstOrDefault(d => d.Plugin.InFlight is not null && surface.Settings.Daemon.PluginConcurrency == Config.PluginConcurrency.Serial);
        var why = holder?.Plugin.InFlight is { } call
            ? $"the poller has not polled for {ago} s: plugin_concurrency is serial and plugin {holder.Plugin.Name} has been in callback {call.Callback ?? "?"} on event {call.EventId} for {Seconds(surface.Time.GetElapsedTime(call.StartedAt))} s"
            : $"the poller has not polled for {ago} s (more than 3 x fetch_interval = {Seconds(limit)} s)";
        return Task.FromResult(HealthCheckResult.Unhealthy(why));
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
