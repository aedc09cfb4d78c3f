using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>A plugin against a real site: the emulator over loopback, the real client, a real event from its event log.</summary>
public sealed class PluginEmulatorTests : IDisposable
{
    private const string DaemonScript = "daemon";
    private const string DaemonKey = "daemon-key-3f9d2c";
    private const string PluginScript = "describe_status";
    private const string PluginKey = "plugin-key-8b1e4a";
    private static readonly string[] EventFields =
        ["id", "event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at"];

    private readonly TempPluginDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Process_CallbackWritesThroughItsOwnConnection_WithTheEventsSessionUuid()
    {
        await using var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Scripts = [new ScriptCredential(DaemonScript, DaemonKey), new ScriptCredential(PluginScript, PluginKey)],
        });
        using var pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = site.BaseUri.ToString() });
        using var browser = pool.Connect(ShotgunCredentials.Script(DaemonScript, DaemonKey), sessionUuid: "browser-session-1");
        var project = await browser.CreateAsync("Project", new Dictionary<string, object?> { ["name"] = "Demo" });
        var shot = await browser.CreateAsync("Shot", new Dictionary<string, object?> { ["code"] = "sh010", ["project"] = project.ToRef() });
        await browser.UpdateAsync("Shot", shot.Id, new Dictionary<string, object?> { ["sg_status_list"] = "ip" });
        var statusEvent = await LatestEventAsync(browser, "sg_status_list");
        Assert.Equal("browser-session-1", statusEvent.SessionUuid);

        _dir.Copy("PluginEmulator", "describe_status.csx");
        var connections = new PoolConnectionFactory(pool, ShotgunCredentials.Script(DaemonScript, DaemonKey));
        var logs = new LogCapture();
        var options = new PluginHostOptions
        {
            LogFactory = logs.Factory,
            UseSessionUuid = true,
            Settings = new Dictionary<string, string> { ["script_name"] = PluginScript, ["script_key"] = PluginKey },
        };
        await using (var collection = new PluginCollection(_dir.Plugins, options, new PluginCompiler(null, logs.Factory), connections, TimeProvider.System))
        {
            await collection.LoadAsync(CancellationToken.None);
            var plugin = Assert.Single(collection.Plugins);

            var outcome = await plugin.ProcessAsync(statusEvent, CancellationToken.None);

            Assert.True(outcome == PluginOutcome.Handled, logs.Dump());
            Assert.Equal(1, plugin.ConnectionCount);
        }

        var written = await browser.FindOneAsync("Shot", Filter.Is("id", shot.Id), "description");
        Assert.Equal("sh010 is now ip", written!.Get<string>("description"));
        var pluginEvent = await LatestEventAsync(browser, "description");
        Assert.Equal("browser-session-1", pluginEvent.SessionUuid);
        Assert.NotEqual(statusEvent.User, pluginEvent.User);
        logs.Dispose();
    }

    private static async Task<ShotgunEvent> LatestEventAsync(IShotgun sg, string attribute)
    {
        var rows = await sg.FindAsync("EventLogEntry",
            Filter.All(Filter.Is("event_type", "Shotgun_Shot_Change"), Filter.Is("attribute_name", attribute)),
            EventFields, new FindOptions { Order = [SortOrder.Desc("id")], Limit = 1 });
        return ShotgunEvent.FromJson((JObject)Assert.Single(rows).Raw.DeepClone());
    }
}
