using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Emulator.Support;

/// <summary>
/// An emulator on a loopback port and our own client connected to it as the test script: api3 methods without a
/// typed wrapper are called through <see cref="ShotgunClient.CallMethodAsync"/>, so every request and answer goes
/// over HTTP exactly as the Python API's would.
/// </summary>
internal sealed class ClientSite : IAsyncDisposable
{
    private readonly ShotgunConnectionPool _pool;

    private ClientSite(TestSite site)
    {
        Site = site;
        _pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = site.Server.BaseUri.ToString(), MaxRetries = 0, Timeout = TimeSpan.FromSeconds(30) });
        Client = _pool.Connect(ShotgunCredentials.Script(TestSite.ScriptName, TestSite.ScriptKey));
    }

    public TestSite Site { get; }

    public EmulatorStore Store => Site.Store;

    public ShotgunClient Client { get; }

    public static async Task<ClientSite> StartAsync(bool fakeTime = false, string? snapshotPath = null) =>
        new(await TestSite.StartAsync(fakeTime: fakeTime, snapshotPath: snapshotPath));

    public Task<JToken> CallAsync(string method, JToken? parameters = null) => Client.CallMethodAsync(method, parameters);

    /// <summary>Calls and expects the site's error envelope, which our client raises as a <see cref="ShotgunFault"/>.</summary>
    public Task<ShotgunFault> FaultAsync(string method, JToken? parameters = null) =>
        Assert.ThrowsAsync<ShotgunFault>(() => Client.CallMethodAsync(method, parameters));

    /// <summary>A HumanUser made through the store; returns its <c>{"type", "id"}</c>.</summary>
    public JObject AddUser(string login, string name) => Ref(Store.AddHumanUser(login, name, "pw"));

    public JObject Add(string type, JObject fields) => Ref(Store.Create(type, fields));

    public static JObject Ref(JObject record) => new() { ["type"] = record["type"], ["id"] = record["id"] };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _pool.Dispose();
        await Site.DisposeAsync();
    }
}
