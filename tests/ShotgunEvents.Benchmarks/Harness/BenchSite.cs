using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;
using ShotgunEvents.Emulator.Webhooks;

namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>The emulator on loopback with the daemon's script user, plus a Shot the live scenarios change.</summary>
internal sealed class BenchSite : IAsyncDisposable
{
    public const string ScriptName = "shotgun-events-bench";

    private readonly string[] _statuses = ["ip", "fin"];
    private int _writes;

    private BenchSite(EmulatorServer server, string key, int shotId)
    {
        Server = server;
        ScriptKey = key;
        ShotId = shotId;
    }

    public EmulatorServer Server { get; }

    public EmulatorStore Store => Server.Store;

    public Uri BaseUri => Server.BaseUri;

    public string ScriptKey { get; }

    /// <summary>The Shot whose status <see cref="WriteEvent"/> flips.</summary>
    public int ShotId { get; }

    /// <summary>Starts the site; <paramref name="latency"/> makes every api3 call wait that long, as a hosted site does.</summary>
    public static async Task<BenchSite> StartAsync(TimeSpan latency = default, IReadOnlyList<WebhookRegistration>? webhooks = null)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential(ScriptName, key)],
            Latency = latency,
            Webhooks = webhooks ?? [],
        }).ConfigureAwait(false);
        var shot = server.Store.Create("Shot", new JObject { ["code"] = "bench_live_010", ["sg_status_list"] = "wtg" });
        return new BenchSite(server, key, (int)shot["id"]!);
    }

    /// <summary>
    /// One live write: the Shot's status changes (one <c>Shotgun_Shot_Change</c> event). Returns the new event's id;
    /// the event is visible to readers when this returns (the store commits before answering).
    /// </summary>
    public int WriteEvent()
    {
        var status = _statuses[_writes++ % _statuses.Length];
        Store.Update("Shot", ShotId, new JObject { ["sg_status_list"] = status });
        return Store.LatestEventId;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
