using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Daemon.Cli;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary>The first lines of <c>run</c>, and the console in <c>log_format = json</c>, through the real command.</summary>
public sealed class StartupBannerTests
{
    [Fact]
    public void Lines_RealSiteWithHttp_NameTheSiteTheListenerAndEveryFolder()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("https://studio.example.com", "daemon", "key");
        sandbox.Write("daemon.ini", File.ReadAllText(sandbox.ConfigPath) + "\n[http]\nlisten = 127.0.0.1:9810\nwebhook = false\n");
        var settings = ConfigLoader.Load(sandbox.ConfigPath, _ => null);
        var logging = new AppliedLogging(new NLog.Config.LoggingConfiguration(), null,
            LoggingVariables.From(new LoggingOptions { LogPath = sandbox.Path("logs"), LogFile = "shotgun-events.log" }));

        var lines = StartupBanner.Lines(settings, logging);

        Assert.EndsWith($"starting; config: {sandbox.ConfigPath}", lines[0], StringComparison.Ordinal);
        Assert.Equal("Site: https://studio.example.com/", lines[1]);
        Assert.Equal($"Plugin folders: {sandbox.Path("plugins")}", lines[2]);
        Assert.Equal($"Logs: {sandbox.Path("logs")} (shotgun-events.log, and a file for each plugin); state: {sandbox.StatePath}", lines[3]);
        Assert.Equal("HTTP: listening on 127.0.0.1:9810 (/ /healthz /readyz /metrics /api/status).", lines[4]);
        Assert.StartsWith("Ctrl-C", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LogFormatJsonFromTheEnvironment_BannerFirstThenJsonLinesWithEventFieldsOnTheConsoleAndInTheFiles()
    {
        using var sandbox = new CliSandbox();
        Assert.Equal(0, (await CommandProcess.RunAsync(sandbox.Root, "init")).ExitCode);

        using var daemon = CommandProcess.Start(sandbox.Root, new Dictionary<string, string> { ["SHOTGUN_EVENTS_LOG_FORMAT"] = "json" });
        await daemon.WaitForLineAsync(l => l.Contains("\"event_id\":", StringComparison.Ordinal), "a callback's JSON line", TimeSpan.FromSeconds(180));
        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var console = daemon.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
        var messages = console.Select(j => (string?)j["message"]).ToList();
        Assert.EndsWith($"starting; config: {sandbox.ConfigPath}", messages[0], StringComparison.Ordinal);
        Assert.Equal("Site: the embedded demo site, inside this process (its address follows)", messages[1]);
        Assert.Equal($"Plugin folders: {sandbox.Path("scripts")}", messages[2]);
        Assert.Equal($"Logs: {sandbox.Path("logs")} (shotgun-events.log, and a file for each plugin); state: {sandbox.StatePath}", messages[3]);
        Assert.StartsWith("HTTP: off", messages[4], StringComparison.Ordinal);
        Assert.StartsWith("Ctrl-C (or SIGTERM) to stop", messages[5], StringComparison.Ordinal);
        Assert.Contains(messages, m => m is not null && m.Contains("first start, so [daemon] start_from decides", StringComparison.Ordinal));

        var callback = console.First(j => j.ContainsKey("event_id"));
        Assert.Equal("log_changes", (string?)callback["plugin"]);
        Assert.StartsWith("On", (string?)callback["callback"], StringComparison.Ordinal);
        Assert.Equal(JTokenType.Integer, callback["event_id"]!.Type);
        Assert.EndsWith("Z", (string?)callback["time"], StringComparison.Ordinal);

        var pluginFile = File.ReadAllLines(sandbox.Path("logs", "plugin.log_changes.log")).Select(Parse).ToList();
        Assert.NotEmpty(pluginFile);
        Assert.All(pluginFile, j => Assert.Equal("log_changes", (string?)j["plugin"]));
        Assert.Contains(pluginFile, j => j.ContainsKey("event_id"));
        Assert.All(File.ReadAllLines(sandbox.Path("logs", "shotgun-events.log")), l => Parse(l));
    }

    private static JObject Parse(string line)
    {
        using var reader = new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }
}
