using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ShotgunEvents.Emulator.Files;
using ShotgunEvents.Emulator.Hosting;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Seeding;
using ShotgunEvents.Emulator.Webhooks;

namespace ShotgunEvents.Emulator;

/// <summary>
/// A local Shotgun site over real Kestrel sockets: the api3 JSON-RPC protocol at <c>POST /api3/json</c>, an in-memory
/// store whose writes generate a real event log, fault injection and an admin API under <c>/_emulator/</c>.
/// </summary>
/// <example>
/// <code>
/// await using var site = await EmulatorServer.StartAsync(new EmulatorOptions
/// {
///     Scripts = [new ScriptCredential("my_plugin", "secret")],
///     Seed = EmulatorSeed.Demo,
/// });
/// // POST site.BaseUri + "api3/json"
/// </code>
/// </example>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorOptions _options;
    private readonly ActivityGenerator? _activity;
    private readonly AttachmentStorage _files;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping;
    private WebhookDispatcher? _webhooks;
    private int _stopped;
    private int _disposed;

    private EmulatorServer(WebApplication app, EmulatorOptions options, EmulatorStore store, FaultInjector faults, ActivityGenerator? activity, ILogger logger,
        CancellationTokenSource stopping, AttachmentStorage files)
    {
        _files = files;
        _stopping = stopping;
        _app = app;
        _options = options;
        Store = store;
        Faults = faults;
        _activity = activity;
        _logger = logger;
    }

    /// <summary>The site's base address, for example <c>http://127.0.0.1:43123/</c>; api3 is at <c>BaseUri + "api3/json"</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The api3 endpoint, <c>BaseUri + "api3/json"</c>.</summary>
    public Uri Api3Uri => new(BaseUri, "api3/json");

    /// <summary>Direct C# access to the site's data (tests, seeding, benchmarks).</summary>
    public EmulatorStore Store { get; }

    /// <summary>Faults on demand.</summary>
    public FaultInjector Faults { get; }

    /// <summary>What loading the schema noticed without failing: unknown data types (one line per type), links to absent types.</summary>
    public IReadOnlyList<string> SchemaWarnings => Store.Site.Schema.Warnings;

    /// <summary>The webhook senders (tests read their counters).</summary>
    internal IReadOnlyList<WebhookSender> WebhookSenders => _webhooks?.Senders ?? [];

    /// <summary>Builds the site (schema, snapshot or seed, script users) and starts listening.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "EmulatorOptions.Port must be 0..65535.");
        }

        if (options.ThumbnailProcessing < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ThumbnailProcessing, "EmulatorOptions.ThumbnailProcessing must not be negative.");
        }

        if (options.ActivityPerSecond <= 0 || double.IsNaN(options.ActivityPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ActivityPerSecond, "EmulatorOptions.ActivityPerSecond must be above 0.");
        }

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("ShotgunEvents.Emulator");
        var schema = options.SchemaPath is null ? SchemaLoader.LoadDefault() : SchemaLoader.LoadFile(options.SchemaPath);
        foreach (var warning in schema.Warnings)
        {
            logger.LogWarning("{Warning}", warning);
        }

        var store = new EmulatorStore(schema, options.TimeProvider);
        store.Site.ThumbnailProcessing = options.ThumbnailProcessing;
        Populate(store, options, logger);

        var faults = new FaultInjector(store);
        faults.SetLatency(options.Latency, options.LatencyJitter);
        var address = ParseHost(options.Host);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is not null)
        {
            builder.Services.AddSingleton(options.LoggerFactory);
        }

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, options.Port);
        });
        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var files = FilesFor(options);
        var router = new RequestRouter(
            new Api3Endpoint(store, faults, options.TimeProvider, logger, stopping.Token),
            new AdminEndpoints(store, faults, () => options.SnapshotPath),
            new UploadEndpoints(store, files));
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var activity = options.ActivityGenerator ? new ActivityGenerator(store, options.TimeProvider, options.ActivityPerSecond, logger) : null;
        var server = new EmulatorServer(app, options, store, faults, activity, logger, stopping, files) { BaseUri = BoundUri(app, address) };
        store.Site.PublicBaseUri = server.BaseUri;
        if (options.Webhooks.Count > 0)
        {
            // Attached after the seed and the script users: a site sends webhooks for what happens, not for what it starts with.
            server._webhooks = new WebhookDispatcher(options.Webhooks, server.BaseUri, options.TimeProvider, logger);
            store.CommitListener = server._webhooks;
            foreach (var webhook in options.Webhooks)
            {
                logger.LogInformation("Emulator webhook: {Webhook}", webhook);
            }
        }

        activity?.Start();
        logger.LogInformation("Shotgun emulator listening on {BaseUri}", server.BaseUri);
        return server;
    }

    /// <summary>Stops the activity generator and the listener, then saves the snapshot when a path is set.</summary>
    /// <param name="cancellationToken">Cancels a graceful stop.</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _activity?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_webhooks is { } webhooks)
        {
            Store.CommitListener = null;
            await webhooks.DisposeAsync().ConfigureAwait(false);
        }

        if (_options.SnapshotPath is { } path && _options.SaveSnapshotOnStop)
        {
            await Store.SaveSnapshotAsync(path).ConfigureAwait(false);
            _logger.LogInformation("Emulator snapshot saved to {Path}", path);
        }
    }

    /// <summary>Stops the server (see <see cref="StopAsync"/>) and frees it.</summary>
    /// <returns>A task that completes when disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
            _files.Dispose();
        }
    }

    private static void Populate(EmulatorStore store, EmulatorOptions options, ILogger logger)
    {
        if (options.SnapshotPath is { } path && File.Exists(path))
        {
            store.LoadSnapshot(path);
            logger.LogInformation("Emulator snapshot loaded from {Path}", path);
        }
        else if (options.Seed == EmulatorSeed.Demo)
        {
            new DemoSeeder(store).Seed();
        }

        foreach (var script in options.Scripts)
        {
            store.AddScriptUser(script.Name, script.Key);
        }
    }

    private static AttachmentStorage FilesFor(EmulatorOptions options) => options switch
    {
        { FilesPath: { } path } => new AttachmentStorage(path, ownsRoot: false),
        { SnapshotPath: { } snapshot } => new AttachmentStorage(Path.GetFullPath(snapshot) + ".files", ownsRoot: false),
        _ => new AttachmentStorage(Path.Combine(Path.GetTempPath(), "shotgun-events-emulator-" + Guid.NewGuid().ToString("N")), ownsRoot: true),
    };

    private static IPAddress ParseHost(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        _ when IPAddress.TryParse(host, out var address) => address,
        _ => throw new ArgumentException($"EmulatorOptions.Host must be an IP address or 'localhost', got '{host}'.", nameof(host)),
    };

    private static Uri BoundUri(WebApplication app, IPAddress address)
    {
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address.");
        var port = new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        var host = address.Equals(IPAddress.Any) ? "127.0.0.1" : address.Equals(IPAddress.IPv6Any) ? "[::1]"
            : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new Uri($"http://{host}:{port}/");
    }
}
