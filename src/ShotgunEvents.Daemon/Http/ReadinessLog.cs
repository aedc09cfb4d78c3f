using Microsoft.Extensions.Diagnostics.HealthChecks;
using NLog;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// Logs readiness when it changes (a probe every few seconds must not write a line each time): one WARNING when the
/// daemon becomes degraded or not ready, with every reason, and one INFO when it is ready again. Probes may run
/// concurrently; the last reported state is swapped atomically.
/// </summary>
internal sealed class ReadinessLog(Logger log)
{
    private string _last = nameof(HealthStatus.Healthy);

    /// <summary>Records a probe's report; logs only when the status or its reasons differ from the last one.</summary>
    public void Observe(HealthReport report)
    {
        var reasons = string.Join("; ", report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description}"));
        var now = report.Status == HealthStatus.Healthy ? nameof(HealthStatus.Healthy) : $"{report.Status}: {reasons}";
        if (Interlocked.Exchange(ref _last, now) == now)
        {
            return;
        }

        if (report.Status == HealthStatus.Healthy)
        {
            log.Info("Ready again.");
        }
        else
        {
            log.Warn("{0}: {1}", report.Status == HealthStatus.Degraded ? "Ready but degraded" : "Not ready", reasons);
        }
    }
}
