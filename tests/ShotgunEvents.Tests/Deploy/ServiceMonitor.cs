using k8s;
using k8s.Models;

namespace ShotgunEvents.Tests.Deploy;

/// <summary>
/// The Prometheus Operator's <c>monitoring.coreos.com/v1</c> ServiceMonitor, the part the manifests use: KubernetesClient
/// knows the built-in kinds only, and loading with this type (strictly) fails on any field it does not declare.
/// </summary>
public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiGroupVersion = "monitoring.coreos.com/v1";

    public string ApiVersion { get; set; } = ApiGroupVersion;

    public string Kind { get; set; } = nameof(ServiceMonitor);

    public V1ObjectMeta Metadata { get; set; } = new();

    public ServiceMonitorSpec Spec { get; set; } = new();
}
