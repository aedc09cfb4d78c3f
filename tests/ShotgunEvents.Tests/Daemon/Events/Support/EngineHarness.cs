using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Client;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Emulator;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Events.Support;

/// <summary>
/// A site, a temp directory and everything an engine needs, for tests of delivery: an emulator on a loopback port
/// with the daemon's script user, a plugin directory filled from <c>Fixtures/Engine</c>, a directory where the
/// recording plugins write the ids they handled, a state file, a client pool and captured logs. Engines started
/// from it run for real (real client, real Roslyn compiles, real state file) in the background.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public const string ScriptName = "engine-tests";
    public const string ScriptKey = "engine-tests-key-5f2c8a1e";

    /// <summary>Where a fake site clock starts (created_at of events written through the store).</summary>
    public static readonly DateTimeOffset SiteEpoch = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private readonly List<RunningEngine> _engines = [];
    private int _writes;
    private int _shotId;

    private EngineHarness(EmulatorServer site, FakeTimeProvider? siteTime)
    {
        Site = site;
        SiteTime = siteTime;
        Root = Path.Combine(Path.GetTempPath(), "sge-engine-" + Guid.NewGuid().ToString("N")[..12]);
        Plugins = Path.Combine(Root, "plugins");
        Records = Path.Combine(Root, "records");
        Directory.CreateDirectory(Plugins);
        Directory.CreateDirectory(Records);
        StatePath = Path.Combine(Root, "state", "state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        Settings = new Dictionary<string, string> { ["record_dir"] = Records };
        Pool = new ShotgunConnectionPool(new ShotgunClientOptions
        {
            Site = site.BaseUri.ToString(),
            Timeout = TimeSpan.FromSeconds(15),
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        });
        Credentials = ShotgunCredentials.Script(ScriptName, ScriptKey);
    }

    public EmulatorServer Site { get; }

    public EmulatorStore Store => Site.Store;

    /// <summary>The site's clock when the harness was made with a fake one (created_at, late-commit visibility).</summary>
    public FakeTimeProvider? SiteTime { get; }

    public string Root { get; }

    /// <summary>The default plugin directory (collection).</summary>
    public string Plugins { get; }

    /// <summary>Where recording plugins write (<c>Setting("record_dir")</c>).</summary>
    public string Records { get; }

    public string StatePath { get; }

    /// <summary>Plugin settings (<c>Setting("key")</c>) given to every plugin.</summary>
    public Dictionary<string, string> Settings { get; }

    public EngineLog Logs { get; } = new();

    public ShotgunConnectionPool Pool { get; }

    public ShotgunCredentials Credentials { get; }

    public static async Task<EngineHarness> CreateAsync(bool fakeSiteTime = false)
    {
        var time = fakeSiteTime ? new FakeTimeProvider(SiteEpoch) : null;
        var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            TimeProvider = (TimeProvider?)time ?? TimeProvider.System,
            Scripts = [new ScriptCredential(ScriptName, ScriptKey)],
        });
        var harness = new EngineHarness(site, time);
        harness._shotId = (int)site.Store.Create("Shot", new JObject { ["code"] = "sh010" })["id"]!;
        return harness;
    }

    public static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Engine", file);

    /// <summary>Copies a fixture into a plugin directory (the default one unless given) as <paramref name="name"/>.csx.</summary>
    public string AddPlugin(string fixture, string name, string? directory = null)
    {
        var target = Path.Combine(directory ?? Plugins, name + ".csx");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Fixture(fixture), target, overwrite: true);
        return target;
    }

    /// <summary>Writes <paramref name="count"/> single-field updates; each makes exactly one event. Returns the site's newest visible id.</summary>
    public int Updates(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Store.Update("Shot", _shotId, new JObject { ["description"] = "write " + Interlocked.Increment(ref _writes) });
        }

        return Store.LatestEventId;
    }

    /// <summary>Every visible event id above <paramref name="afterId"/>, in order.</summary>
    public IReadOnlyList<long> VisibleIds(long afterId = 0)
    {
        var ids = new List<long>();
        var from = (int)afterId;
        while (true)
        {
            var page = Store.ReadEvents(from, 5000);
            if (page.Count == 0)
            {
                return ids;
            }

            ids.AddRange(page.Select(e => (long)e["id"]!));
            from = (int)ids[^1];
        }
    }

    public IReadOnlyList<long> Recorded(string plugin) => RecordFile.Read(Path.Combine(Records, plugin + ".ids"));

    /// <summary>Waits until <paramref name="plugin"/> has recorded every one of <paramref name="ids"/>.</summary>
    public Task WaitRecordedAsync(string plugin, IEnumerable<long> ids, TimeSpan? timeout = null)
    {
        var wanted = ids.ToHashSet();
        return Eventually.TrueAsync(() => wanted.IsSubsetOf(Recorded(plugin)),
            $"{plugin} records {wanted.Count} events (has {Recorded(plugin).Count}; log:\n{Tail()})", timeout);
    }

    /// <summary>Starts an engine over the default plugin directory (state key "plugins") unless collections are given.</summary>
    public async Task<RunningEngine> StartEngineAsync(Func<EngineOptions, EngineOptions>? configure = null,
        IReadOnlyList<(string Directory, string StateKey)>? collections = null, Action<PluginHostOptions>? host = null)
    {
        var options = new EngineOptions
        {
            StateFilePath = StatePath,
            SiteUri = Site.BaseUri,
            FetchInterval = TimeSpan.FromMilliseconds(50),
            MaxEventBatchSize = 500,
            MaxParallelReads = 4,
            BacklogTimeout = TimeSpan.FromMinutes(5),
            Serial = false,
            StartFrom = null,
            CheckpointInterval = null,
            MaxOutageBackoff = TimeSpan.FromMilliseconds(200),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            LogFactory = Logs.Factory,
        };
        options = configure?.Invoke(options) ?? options;
        var hostOptions = new PluginHostOptions
        {
            CacheDirectory = Path.Combine(Root, "compile-cache"),
            RescanInterval = TimeSpan.FromSeconds(1),
            Debounce = TimeSpan.FromMilliseconds(100),
            Settings = Settings,
            LogFactory = Logs.Factory,
        };
        host?.Invoke(hostOptions);
        var running = await RunningEngine.StartAsync(this, options, hostOptions, collections ?? [(Plugins, "plugins")]);
        _engines.Add(running);
        return running;
    }

    /// <summary>The last lines logged, for failure messages.</summary>
    public string Tail(int lines = 30) => string.Join("\n", Logs.Dump().Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }

        Pool.Dispose();
        await Site.DisposeAsync();
        Logs.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a watcher of a disposed collection may still hold the directory for a moment.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
