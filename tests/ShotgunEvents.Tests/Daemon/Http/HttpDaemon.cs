using System.Net;
using Microsoft.Extensions.Hosting;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Daemon.Events.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Http;

/// <summary>
/// A daemon with its <c>[http]</c> listener on a loopback port 0, running for real (Generic Host, engine, Roslyn
/// compiles, state file) against an emulator on another loopback port.
/// </summary>
internal sealed class HttpDaemon : IAsyncDisposable
{
    public const string ScriptName = "http-tests";
    public const string ScriptKey = "http-tests-key-9d1b7c44";

    private HttpDaemon(EmulatorServer site, string root, DaemonRuntime runtime, IHost host, Uri baseUri)
    {
        Site = site;
        Root = root;
        Runtime = runtime;
        Host = host;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorServer Site { get; }

    public string Root { get; }

    public string Plugins => Path.Combine(Root, "plugins");

    public DaemonRuntime Runtime { get; }

    public IHost Host { get; }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    /// <summary>The shot <see cref="Touch"/> changes.</summary>
    public int ShotId { get; private init; }

    /// <summary>Starts a site, writes the plugins (name, fixture file in Fixtures/Engine) and runs the daemon until it polled once.</summary>
    public static async Task<HttpDaemon> StartAsync(
        (string Name, string Fixture)[] plugins,
        string? webhookSecret = null,
        TimeSpan? fetchInterval = null,
        int maxConnRetries = 5,
        TimeProvider? time = null,
        Dictionary<string, string>? pluginSettings = null,
        TimeSpan? callbackTimeout = null,
        string? stateDirectory = null,
        ShotgunEvents.Daemon.Shards.ShardSpec? shard = null)
    {
        var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential(ScriptName, ScriptKey)],
        });
        var shotId = (int)site.Store.Create("Shot", new JObject { ["code"] = "sh010" })["id"]!;
        var root = Path.Combine(Path.GetTempPath(), "sge-http-" + Guid.NewGuid().ToString("N")[..12]);
        var pluginDir = Path.Combine(root, "plugins");
        Directory.CreateDirectory(pluginDir);
        foreach (var (name, fixture) in plugins)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Engine", fixture), Path.Combine(pluginDir, name + ".csx"));
        }

        var records = Path.Combine(root, "records");
        Directory.CreateDirectory(records);
        var settingsMap = new Dictionary<string, string>(pluginSettings ?? [], StringComparer.OrdinalIgnoreCase) { ["record_dir"] = records };
        var settings = new DaemonSettings
        {
            Daemon = new DaemonSection
            {
                EventIdFile = Path.Combine(stateDirectory ?? root, "state.json"),
                CallbackTimeout = callbackTimeout,
                // A stuck plugin's test would otherwise wait the default 30 s at its end.
                ShutdownTimeout = TimeSpan.FromSeconds(1),
                FetchInterval = fetchInterval ?? TimeSpan.FromSeconds(5),
                MaxConnRetries = maxConnRetries,
                CompileCache = CompileCacheSetting.At(Path.Combine(root, "cache")),
                PluginRescanInterval = TimeSpan.FromMilliseconds(200),
            },
            Shotgun = new ShotgunSection { Url = site.BaseUri, ScriptName = ScriptName, ScriptKey = ScriptKey, MaxRetries = 0 },
            Plugins = new PluginsSection { Paths = [new PluginCollectionPath("plugins", pluginDir)] },
            Http = new HttpSection { Listen = new IPEndPoint(IPAddress.Loopback, 0), WebhookSecret = webhookSecret },
            PluginSettings = settingsMap,
            Shards = new ShardsSection { Shard = shard, StateFileBase = Path.Combine(root, "state.json") },
        };
        var runtime = await DaemonRuntime.CreateAsync(settings,
            new RuntimeFlags { EmbeddedActivity = false, TimeProvider = time ?? TimeProvider.System }, CancellationToken.None);
        var host = DaemonHost.Build(runtime, _ => { });
        await host.StartAsync();
        var baseUri = DaemonHost.ListenAddress(host) ?? throw new InvalidOperationException("the listener has no address");
        await runtime.Engine.Started.WaitAsync(Eventually.DefaultTimeout);
        await Eventually.TrueAsync(() => runtime.Engine.Poller!.PollCount > 0, "the first poll");
        return new HttpDaemon(site, root, runtime, host, baseUri) { ShotId = shotId };
    }

    /// <summary>The delivery of the plugin called <paramref name="name"/> (the only one when null).</summary>
    public LaneView Lane(string? name = null) =>
        new(name is null ? Runtime.Engine.Registry.Current.Single() : Runtime.Engine.Registry.Current.Single(d => d.Plugin.Name == name));

    /// <summary>Writes one change on the site (one event); returns its id.</summary>
    public int Touch()
    {
        Site.Store.Update("Shot", ShotId, new JObject { ["description"] = Guid.NewGuid().ToString("N") });
        return Site.Store.LatestEventId;
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.StopAsync();
        Host.Dispose();
        await Runtime.DisposeAsync();
        await Site.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A compile cache file still held open by a collecting load context: the temp dir is cleaned by the OS.
        }
    }
}
