namespace ShotgunEvents.Tests.Deploy;

/// <summary>One scraped endpoint of a ServiceMonitor.</summary>
public sealed class ServiceMonitorEndpoint
{
    public string? Port { get; set; }

    public string? Path { get; set; }

    public string? Interval { get; set; }
}
