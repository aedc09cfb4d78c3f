using k8s.Models;

namespace ShotgunEvents.Tests.Deploy;

/// <summary>A ServiceMonitor's spec: which Services, and which of their ports to scrape.</summary>
public sealed class ServiceMonitorSpec
{
    public V1LabelSelector Selector { get; set; } = new();

    public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];
}
