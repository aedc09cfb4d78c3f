using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Deploy;

/// <summary>
/// examples/deploy/kubernetes, loaded strictly with KubernetesClient's YAML loader (every manifest must be the kind it
/// declares, with no field that kind lacks), and the invariants a studio relies on: state on the StatefulSet's volume,
/// config and keys from the ConfigMap and Secret, probes, one replica per shard, a restrictive securityContext,
/// resources, and a ServiceMonitor that finds the metrics.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(CliSandbox.RepositoryRoot, "examples", "deploy", "kubernetes");

    private static readonly Dictionary<string, Type> Extra = new() { [$"{ServiceMonitor.ApiGroupVersion}/{nameof(ServiceMonitor)}"] = typeof(ServiceMonitor) };

    private static readonly Lazy<IReadOnlyDictionary<string, object>> Manifests = new(() => Directory.GetFiles(Folder, "*.yaml")
        .Where(f => Path.GetFileName(f) != "kustomization.yaml")
        .ToDictionary(f => Path.GetFileName(f), f => Assert.Single(KubernetesYaml.LoadAllFromString(File.ReadAllText(f), Extra, strict: true))));

    private static V1StatefulSet StatefulSet => Single<V1StatefulSet>();

    private static V1Container Daemon => Assert.Single(StatefulSet.Spec.Template.Spec.Containers);

    [Fact]
    public void Load_EveryManifest_ParsesStrictlyAsTheKindItDeclaresAndTheKustomizationListsThemAll()
    {
        Assert.Equal(6, Manifests.Value.Count);
        foreach (var (file, manifest) in Manifests.Value)
        {
            var declared = DeclaredKind().Match(File.ReadAllText(Path.Combine(Folder, file))).Groups[1].Value;
            Assert.Equal(declared, ((IKubernetesObject)manifest).Kind);
            Assert.Equal(declared, manifest.GetType().Name.StartsWith('V') && char.IsDigit(manifest.GetType().Name[1])
                ? manifest.GetType().Name[2..]
                : manifest.GetType().Name);
        }

        var kustomization = File.ReadAllText(Path.Combine(Folder, "kustomization.yaml"));
        var listed = ResourceLine().Matches(kustomization).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(Manifests.Value.Keys.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void StatefulSet_StateIsOnItsVolumeAndTheConfigAndKeysComeFromTheConfigMapAndSecret()
    {
        var settings = LoadConfig();
        var mounts = Daemon.VolumeMounts.ToDictionary(m => m.Name);
        var claim = Assert.Single(StatefulSet.Spec.VolumeClaimTemplates);
        Assert.Equal(Path.GetDirectoryName(settings.Daemon.EventIdFile), mounts[claim.Metadata.Name].MountPath);
        Assert.NotEqual(true, mounts[claim.Metadata.Name].ReadOnlyProperty);
        Assert.Contains("ReadWriteOnce", claim.Spec.AccessModes);

        // The log directory is writable (the root file system is not); config and plugins are read-only mounts.
        var logs = Assert.Single(Daemon.VolumeMounts, m => m.MountPath == settings.Daemon.LogPath);
        Assert.NotEqual(true, logs.ReadOnlyProperty);
        var configMount = Assert.Single(Daemon.VolumeMounts, m => m.MountPath == Path.GetDirectoryName(Env("SHOTGUN_EVENTS_CONFIG")));
        Assert.True(configMount.ReadOnlyProperty);
        var configVolume = StatefulSet.Spec.Template.Spec.Volumes.Single(v => v.Name == configMount.Name);
        Assert.Equal(Single<V1ConfigMap>("configmap.yaml").Metadata.Name, configVolume.ConfigMap.Name);
        var pluginsMount = Assert.Single(Daemon.VolumeMounts, m => m.MountPath == Assert.Single(settings.Plugins.Paths).FullPath);
        Assert.True(pluginsMount.ReadOnlyProperty);
        Assert.Equal(Single<V1ConfigMap>("plugins-configmap.yaml").Metadata.Name,
            StatefulSet.Spec.Template.Spec.Volumes.Single(v => v.Name == pluginsMount.Name).ConfigMap.Name);

        Assert.Equal(Single<V1Secret>().Metadata.Name, Assert.Single(Daemon.EnvFrom).SecretRef.Name);
        Assert.Equal("json", Env("SHOTGUN_EVENTS_LOG_FORMAT"));
    }

    [Fact]
    public void ConfigMap_DaemonIniLoadsWithTheSecretsKeys_AndEveryReferencedVariableIsInTheSecret()
    {
        var ini = Single<V1ConfigMap>("configmap.yaml").Data["daemon.ini"];
        var secret = Single<V1Secret>().StringData;
        foreach (Match reference in EnvReference().Matches(ini))
        {
            Assert.True(secret.ContainsKey(reference.Groups[1].Value), $"%({reference.Groups[1].Value})s is not in the Secret");
        }

        var settings = LoadConfig();

        Assert.Equal(new Uri(secret["SG_ED_SITE_URL"]), settings.Shotgun.Url);
        Assert.Equal(secret["SG_WEBHOOK_SECRET"], settings.Http.WebhookSecret);
    }

    [Fact]
    public void StatefulSet_ProbesAskHealthzAndReadyzOnTheListenersPort()
    {
        var settings = LoadConfig();
        var port = Assert.Single(Daemon.Ports);
        Assert.Equal(settings.Http.Listen!.Port, port.ContainerPort);
        Assert.Equal("0.0.0.0", settings.Http.Listen.Address.ToString());
        Assert.Equal(("/healthz", port.Name), (Daemon.LivenessProbe.HttpGet.Path, (string)Daemon.LivenessProbe.HttpGet.Port));
        Assert.Equal(("/readyz", port.Name), (Daemon.ReadinessProbe.HttpGet.Path, (string)Daemon.ReadinessProbe.HttpGet.Port));
        Assert.Equal("/healthz", Daemon.StartupProbe.HttpGet.Path);
        Assert.True(StatefulSet.Spec.Template.Spec.TerminationGracePeriodSeconds > settings.Daemon.ShutdownTimeout.TotalSeconds);
    }

    [Fact]
    public void StatefulSet_OneReplicaPerShard_EachPodItsShardFromItsOrdinal()
    {
        Assert.Equal(int.Parse(Env("SHOTGUN_EVENTS_SHARD_COUNT"), CultureInfo.InvariantCulture), StatefulSet.Spec.Replicas);
        var index = Assert.Single(Daemon.Env, e => e.Name == "SHOTGUN_EVENTS_SHARD_INDEX");
        Assert.Equal("metadata.labels['apps.kubernetes.io/pod-index']", index.ValueFrom.FieldRef.FieldPath);
    }

    [Fact]
    public void StatefulSet_RunsRestricted_NonRootReadOnlyNoPrivilegesWithRequestsAndLimits()
    {
        var pod = StatefulSet.Spec.Template.Spec.SecurityContext;
        Assert.True(pod.RunAsNonRoot);
        Assert.Equal(1654, pod.RunAsUser); // the image's user (examples/deploy/Dockerfile: $APP_UID of the aspnet image)
        Assert.Equal(1654, pod.FsGroup);
        Assert.Equal("RuntimeDefault", pod.SeccompProfile.Type);
        var container = Daemon.SecurityContext;
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.False(StatefulSet.Spec.Template.Spec.AutomountServiceAccountToken);
        foreach (var resources in new[] { Daemon.Resources.Requests, Daemon.Resources.Limits })
        {
            Assert.True(resources.ContainsKey("cpu") && resources.ContainsKey("memory"));
        }
    }

    [Fact]
    public void ServiceMonitor_ScrapesMetricsOnAPortTheServiceNamesForThePods()
    {
        var service = Single<V1Service>();
        var monitor = Single<ServiceMonitor>();
        Assert.All(monitor.Spec.Selector.MatchLabels, label => Assert.Equal(label.Value, service.Metadata.Labels[label.Key]));
        var endpoint = Assert.Single(monitor.Spec.Endpoints);
        Assert.Equal("/metrics", endpoint.Path);
        var port = Assert.Single(service.Spec.Ports, p => p.Name == endpoint.Port);
        Assert.Equal(Assert.Single(Daemon.Ports).Name, (string)port.TargetPort);
        Assert.All(service.Spec.Selector, label => Assert.Equal(label.Value, StatefulSet.Spec.Template.Metadata.Labels[label.Key]));
        Assert.Equal(service.Metadata.Name, StatefulSet.Spec.ServiceName);
    }

    private static T Single<T>(string? file = null) =>
        Assert.Single(Manifests.Value.Where(m => m.Value is T && (file is null || m.Key == file)).Select(m => (T)m.Value));

    private static string Env(string name) => Assert.Single(Daemon.Env, e => e.Name == name).Value;

    /// <summary>The ConfigMap's daemon.ini as the daemon reads it, with the Secret's values as its environment.</summary>
    private static DaemonSettings LoadConfig()
    {
        var directory = Directory.CreateTempSubdirectory("sge-k8s-").FullName;
        try
        {
            var path = Path.Combine(directory, "daemon.ini");
            File.WriteAllText(path, Single<V1ConfigMap>("configmap.yaml").Data["daemon.ini"]);
            var secret = Single<V1Secret>().StringData;
            return ConfigLoader.Load(path, name => secret.TryGetValue(name, out var value) ? value : null);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"(?m)^kind: (\w+)$")]
    private static partial Regex DeclaredKind();

    [GeneratedRegex(@"(?m)^  - (\S+\.yaml)$")]
    private static partial Regex ResourceLine();

    [GeneratedRegex(@"%\((\w+)\)s")]
    private static partial Regex EnvReference();
}
