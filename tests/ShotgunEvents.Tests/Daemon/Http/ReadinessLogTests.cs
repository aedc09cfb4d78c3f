using Microsoft.Extensions.Diagnostics.HealthChecks;
using NLog;
using ShotgunEvents.Daemon.Http;
using ShotgunEvents.Tests.Daemon.Events.Support;

namespace ShotgunEvents.Tests.Daemon.Http;

/// <summary>Readiness is logged once per change of state, however often an orchestrator probes.</summary>
public sealed class ReadinessLogTests
{
    private static HealthReport Report(HealthStatus status, string description) => new(
        new Dictionary<string, HealthReportEntry> { ["plugins"] = new(status, description, TimeSpan.Zero, null, null) },
        TimeSpan.Zero);

    [Fact]
    public void Observe_ManyProbesOfTheSameState_OneLinePerChange()
    {
        using var logs = new EngineLog();
        var readiness = new ReadinessLog(logs.Factory.GetLogger("engine"));

        for (var probe = 0; probe < 20; probe++)
        {
            readiness.Observe(Report(HealthStatus.Healthy, "3 plugins"));
        }

        for (var probe = 0; probe < 20; probe++)
        {
            readiness.Observe(Report(HealthStatus.Degraded, "plugin x stuck"));
        }

        readiness.Observe(Report(HealthStatus.Unhealthy, "plugin x stuck"));
        readiness.Observe(Report(HealthStatus.Healthy, "3 plugins"));
        readiness.Observe(Report(HealthStatus.Healthy, "3 plugins"));

        Assert.Equal(
            [(LogLevel.Warn, "Ready but degraded: plugins: plugin x stuck"), (LogLevel.Warn, "Not ready: plugins: plugin x stuck"), (LogLevel.Info, "Ready again.")],
            logs.Lines.Select(l => (l.Level, l.Message)));
    }
}
