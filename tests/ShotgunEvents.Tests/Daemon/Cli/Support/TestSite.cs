using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Daemon.Cli.Support;

/// <summary>An emulated site on loopback that the command under test connects to, and that the test inspects directly.</summary>
internal static class TestSite
{
    public const string ScriptName = "cli-test";
    public const string ScriptKey = "cli-test-key";

    public static Task<EmulatorServer> StartAsync() => EmulatorServer.StartAsync(new EmulatorOptions
    {
        Port = 0,
        Scripts = [new ScriptCredential(ScriptName, ScriptKey)],
    });

    /// <summary>The event log rows of one type, oldest first.</summary>
    public static List<JObject> Events(EmulatorServer site, string eventType) =>
        site.Store.ReadEvents(0, 100_000).Where(e => (string?)e["event_type"] == eventType).ToList();
}
