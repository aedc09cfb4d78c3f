using System.Security.Cryptography;
using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Client.EventLog;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Http;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// Everything <c>run</c> puts together from the configuration: the site (embedded or remote), the connection pool,
/// the plugin collections and the engine. <c>replay</c>, <c>check</c> and the benchmarks build the same parts.
/// </summary>
internal sealed class DaemonRuntime : IAsyncDisposable
{
    private static readonly Logger Log = LogManager.GetLogger(LoggerNames.Engine);

    private bool _disposed;

    private DaemonRuntime(DaemonSettings settings, EmulatorServer? embedded, ShotgunConnectionPool pool, ShotgunCredentials credentials,
        ShotgunClient engineConnection, PluginCompiler compiler, IReadOnlyList<CollectionBinding> collections, EventEngine engine,
        CallbackHistory history, TimeProvider timeProvider)
    {
        History = history;
        TimeProvider = timeProvider;
        Settings = settings;
        Embedded = embedded;
        Pool = pool;
        Credentials = credentials;
        EngineConnection = engineConnection;
        Compiler = compiler;
        Collections = collections;
        Engine = engine;
    }

    public DaemonSettings Settings { get; }

    /// <summary>The in-process site when <c>server = embedded</c>.</summary>
    public EmulatorServer? Embedded { get; }

    public ShotgunConnectionPool Pool { get; }

    public ShotgunCredentials Credentials { get; }

    /// <summary>The daemon's own connection: reads the event log.</summary>
    public ShotgunClient EngineConnection { get; }

    public PluginCompiler Compiler { get; }

    public IReadOnlyList<CollectionBinding> Collections { get; }

    public EventEngine Engine { get; }

    /// <summary>Every plugin's recent callback runs (status page, metrics).</summary>
    public CallbackHistory History { get; }

    /// <summary>The clock the runtime was built with.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Who gets a plugin's error mails, as its <c>SetEmails</c> chose: null = the defaults, empty = none, else those.
    /// </summary>
    public IReadOnlyList<string>? PluginRecipients(string pluginName)
    {
        var plugin = Collections.SelectMany(c => c.Collection.Plugins).FirstOrDefault(p => p.Name == pluginName);
        var recipients = plugin?.EmailRecipients ?? EmailRecipients.Default;
        return recipients.Kind switch
        {
            EmailRecipientsKind.None => [],
            EmailRecipientsKind.Default => null,
            _ => recipients.Addresses,
        };
    }

    /// <summary>The site's address (the embedded site's loopback address when embedded).</summary>
    public Uri SiteUri => Pool.Endpoint;

    public static async Task<DaemonRuntime> CreateAsync(DaemonSettings settings, RuntimeFlags flags, CancellationToken cancellationToken)
    {
        var time = flags.TimeProvider;
        var daemon = settings.Daemon;
        EmulatorServer? embedded = null;
        Uri site;
        ShotgunCredentials credentials;
        if (settings.Shotgun.IsEmbedded)
        {
            var name = string.IsNullOrEmpty(settings.Shotgun.ScriptName) ? "shotgun-events" : settings.Shotgun.ScriptName;
            var key = string.IsNullOrEmpty(settings.Shotgun.ScriptKey)
                ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))
                : settings.Shotgun.ScriptKey;
            SecretMasker.Register(key);
            try
            {
                embedded = await EmulatorServer.StartAsync(new EmulatorOptions
                {
                    Port = 0,
                    TimeProvider = time,
                    Scripts = [new ScriptCredential(name, key)],
                    Seed = settings.Emulator.SchemaPath is null ? EmulatorSeed.Demo : EmulatorSeed.Empty,
                    SchemaPath = settings.Emulator.SchemaPath,
                    // The activity generator plays the demo studio; a studio's own (empty) schema has no demo rows to change.
                    ActivityGenerator = flags.EmbeddedActivity && settings.Emulator.SchemaPath is null,
                    SnapshotPath = EmbeddedSitePath(daemon),
                    SaveSnapshotOnStop = flags.SaveEmbeddedSite,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex) when (settings.Emulator.SchemaPath is not null)
            {
                // The file exists (checked at load) but is no schema: reported like any other bad config value.
                throw new ConfigException([new ConfigDiagnostic(Path.GetFileName(settings.ConfigPath), "emulator", "schema", null, ex.Message)]);
            }
            site = embedded.BaseUri;
            credentials = ShotgunCredentials.Script(name, key);
            Log.Info("Embedded demo site running at {0} (server = embedded).", site);
        }
        else
        {
            site = settings.Shotgun.Url!;
            credentials = ShotgunCredentials.Script(settings.Shotgun.ScriptName ?? string.Empty, settings.Shotgun.ScriptKey ?? string.Empty);
        }

        var pool = new ShotgunConnectionPool(new ShotgunClientOptions
        {
            Site = site.ToString(),
            Timeout = settings.Shotgun.Timeout,
            MaxRetries = settings.Shotgun.MaxRetries,
            Proxy = settings.Shotgun.ProxyServer,
            TimeProvider = time,
        });
        var engineConnection = pool.Connect(credentials);

        var cacheDirectory = daemon.CompileCacheDirectory;
        var compiler = new PluginCompiler(cacheDirectory);
        var dryRunLog = LogManager.GetLogger("dry-run");
        var connections = new PooledConnectionFactory(pool, credentials,
            flags.DryRun ? line => dryRunLog.Info("[dry-run] {0}", line.StartsWith("dry-run: ", StringComparison.Ordinal) ? line[9..] : line) : null);
        var history = new CallbackHistory();
        var hostOptions = new PluginHostOptions
        {
            CacheDirectory = cacheDirectory,
            RescanInterval = daemon.PluginRescanInterval,
            UseSessionUuid = settings.Shotgun.UseSessionUuid,
            CallbackTimeout = daemon.CallbackTimeout,
            Serial = daemon.PluginConcurrency == PluginConcurrency.Serial,
            Settings = settings.PluginSettings,
            TimingLog = new TimingLog(LogManager.LogFactory, daemon.TimingLog, observer: history.Record),
            FailedEventRetries = daemon.FailedEventRetries,
            RetryBackoff = daemon.FailedEventRetryBackoff,
            DaemonLogLevel = SettingsMapping.ToNLog(daemon.Logging),
            Scope = SettingsMapping.ToScope(daemon),
            DaemonScriptName = credentials.Name,
        };
        if (hostOptions.Scope.Describe() is { } scope)
        {
            Log.Info("Event scope for every plugin: {0}.", scope);
            _ = hostOptions.Directory.PrefetchAsync(hostOptions.Scope.Needs, engineConnection, Log);
        }

        var collections = settings.Plugins.Paths
            .Select(p => new CollectionBinding(new PluginCollection(p.FullPath, hostOptions, compiler, connections, time, settings.Shards.Owns(p.Configured)), p.Configured))
            .ToArray();

        var engine = new EventEngine(SettingsMapping.ToEngineOptions(daemon, site, LogManager.LogFactory), new ClientEventLogReader(engineConnection),
            collections, time);
        return new DaemonRuntime(settings, embedded, pool, credentials, engineConnection, compiler, collections, engine, history, time);
    }

    /// <summary>
    /// Starts loading every collection's plugins on the thread pool (collection after collection, as the engine would),
    /// so <c>run</c> builds its host on one core while the plugins load on the other; the engine's own load then
    /// waits for this one. Started once, before the engine runs.
    /// </summary>
    public void StartLoadingPlugins()
    {
        Task? previous = null;
        foreach (var (collection, _) in Collections)
        {
            previous = collection.StartLoading(previous);
        }
    }

    /// <summary>Where the embedded site is saved when a daemon stops: <c>embedded-site.json</c> beside the state file.</summary>
    public static string EmbeddedSitePath(DaemonSection daemon) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(daemon.EventIdFile)) ?? ".", "embedded-site.json");

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var (collection, _) in Collections)
        {
            await collection.DisposeAsync().ConfigureAwait(false);
        }

        EngineConnection.Dispose();
        Pool.Dispose();
        if (Embedded is not null)
        {
            await Embedded.DisposeAsync().ConfigureAwait(false);
        }
    }
}
