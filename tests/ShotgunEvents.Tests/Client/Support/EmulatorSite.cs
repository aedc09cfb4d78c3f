using System.Collections.Concurrent;
using ShotgunEvents.Client;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Client.Support;

/// <summary>A real emulator on a loopback port and a client pool pointed at it, with fast back-off for fault tests.</summary>
internal sealed class EmulatorSite : IAsyncDisposable
{
    public const string ScriptName = "test";
    public const string ScriptKey = "emulator-test-key-7c2a91";

    private EmulatorSite(EmulatorServer server, ShotgunConnectionPool pool)
    {
        Server = server;
        Pool = pool;
        Client = pool.Connect(ShotgunCredentials.Script(ScriptName, ScriptKey));
    }

    public EmulatorServer Server { get; }

    public ShotgunConnectionPool Pool { get; }

    public ShotgunClient Client { get; }

    public ConcurrentQueue<ShotgunRetryNotice> Retries { get; } = new();

    public FaultInjector Faults => Server.Faults;

    public static async Task<EmulatorSite> StartAsync(
        TimeSpan? timeout = null,
        int maxRetries = 3,
        TimeProvider? clientTime = null,
        TimeProvider? siteTime = null,
        TimeSpan? maxRetryAfter = null,
        TimeSpan? thumbnailProcessing = null)
    {
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Scripts = [new ScriptCredential(ScriptName, ScriptKey)],
            TimeProvider = siteTime ?? TimeProvider.System,
            ThumbnailProcessing = thumbnailProcessing ?? new EmulatorOptions().ThumbnailProcessing,
        });
        EmulatorSite? site = null;
        var pool = new ShotgunConnectionPool(new ShotgunClientOptions
        {
            Site = server.BaseUri.ToString(),
            Timeout = timeout ?? TimeSpan.FromSeconds(20),
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromMinutes(5),
            TimeProvider = clientTime ?? TimeProvider.System,
            OnRetry = notice => site?.Retries.Enqueue(notice),
        });
        site = new EmulatorSite(server, pool);
        return site;
    }

    public ShotgunClient Connect(ShotgunCredentials credentials) => Pool.Connect(credentials);

    /// <summary>Makes the pool fetch and cache the site's info, so later call counts hold only the calls under test.</summary>
    public async Task<int> WarmUpAsync()
    {
        await Client.FindAsync("Project", null, ["id"], new ShotgunEvents.Api.FindOptions { Limit = 1 });
        return Faults.CallCount;
    }

    public async ValueTask DisposeAsync()
    {
        Pool.Dispose();
        await Server.DisposeAsync();
    }
}
