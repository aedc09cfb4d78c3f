using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// Ready while the event log is read: the last poll succeeded within 3 x <c>fetch_interval</c>, or the outage has
/// lasted fewer than <c>max_conn_retries</c> attempts (a blip should not pull the pod out of service).
/// </summary>
internal sealed class SitePollingCheck(HttpSurface surface) : IHealthCheck
{
    public const string Name = "site_polling";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var daemon = surface.Settings.Daemon;
        var since = surface.Poll.SinceLastCycle;
        var limit = daemon.FetchInterval * 3;
        var failures = surface.Engine.Poller.FailedAttempts;
        var ago = since.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        if (since <= limit)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"last poll {ago} s ago"));
        }

        if (failures > 0 && failures < daemon.MaxConnRetries)
        {
            return Task.FromResult(HealthCheckResult.Healthy(
                $"site unavailable for {failures} attempt(s), fewer than max_conn_retries = {daemon.MaxConnRetries}"));
        }

        var why = failures > 0
            ? $"the site has failed {failures} attempt(s) in a row (max_conn_retries = {daemon.MaxConnRetries}); last successful poll {ago} s ago"
            : $"no successful poll for {ago} s (more than 3 x fetch_interval = {limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s)";
        return Task.FromResult(HealthCheckResult.Unhealthy(why));
    }
}
