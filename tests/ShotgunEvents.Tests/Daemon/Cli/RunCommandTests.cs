using System.Diagnostics;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Daemon.Cli.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>run</c> through the real command: the shipped embedded default, --dry-run, --reset-state, status, SIGTERM.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_ShippedConfigWithTheRepositoryScripts_PluginsReactToTheDemoWithin20SecondsAndSigtermExitsZero()
    {
        using var sandbox = new CliSandbox();
        var shipped = File.ReadAllText(Path.Combine(CliSandbox.RepositoryRoot, "daemon.ini"));
        Assert.Contains("server = embedded", shipped, StringComparison.Ordinal);
        Assert.Contains("\npaths = scripts\n", shipped, StringComparison.Ordinal);
        // The shipped file as it is, but the plugins are the repository's: state, logs and compile cache stay here.
        sandbox.Write(CliSandbox.DaemonIni, shipped.Replace("\npaths = scripts\n", $"\npaths = {Path.Combine(CliSandbox.RepositoryRoot, "scripts")}\n", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(CommandProcess.DaemonDll)!, "nlog.config")), "nlog.config is copied beside the binary");

        var clock = Stopwatch.StartNew();
        using var daemon = CommandProcess.Start(sandbox.Root);
        var line = await daemon.WaitForLineAsync(l => l.Contains(" plugin.", StringComparison.Ordinal), "a plugin's log line", TimeSpan.FromSeconds(20));
        var elapsed = clock.Elapsed;

        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"first plugin line after {elapsed.TotalSeconds:0.0} s: {line}");
        // daemon.ini's logPath and logMode reach NLog: the engine log and one file per plugin, in the sandbox.
        await Eventually.TrueAsync(() => File.Exists(sandbox.Path("logs", "shotgun-events.log"))
                                         && Directory.GetFiles(sandbox.Path("logs"), "plugin.*.log").Length > 0,
            "the engine log and a plugin log file", TimeSpan.FromSeconds(10));
        Assert.Contains(" - engine - INFO - ", File.ReadAllText(sandbox.Path("logs", "shotgun-events.log")), StringComparison.Ordinal);

        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(45)));
        Assert.Contains("Stopped; state written", daemon.Output, StringComparison.Ordinal);
        var state = JObject.Parse(File.ReadAllText(sandbox.Path("state", "shotgun-events.state.json")));
        var plugins = state["collections"]!.Children<JProperty>().Single().Value.Children<JProperty>().Select(p => p.Name).ToList();
        Assert.Contains("version_status_to_shot", plugins);
        Assert.Contains("log_changes", plugins);
        Assert.DoesNotContain("   at ", daemon.Output + daemon.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DryRunWithResetState_WritesAreLoggedNotSent_StatusShowsTheRunningPlugin_SigtermCheckpoints()
    {
        await using var site = await TestSite.StartAsync();
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig(site.BaseUri.ToString(), TestSite.ScriptName, TestSite.ScriptKey);
        sandbox.AddPlugin("note_on_shot_change.csx");
        var shotId = (int)site.Store.Create("Shot", new JObject { ["code"] = "dry_0010" }, TestSite.ScriptName)["id"]!;
        const string Unreadable = "{\"version\": 1, \"collec";
        sandbox.Write("state/shotgun-events.state.json", Unreadable);

        using var daemon = CommandProcess.Start(sandbox.Root, "run", "--dry-run", "--reset-state");
        await daemon.WaitForLineAsync(l => l.Contains("Watching 1 plugin(s)", StringComparison.Ordinal), "the plugin loaded", TimeSpan.FromSeconds(60));
        site.Store.Update("Shot", shotId, new JObject { ["sg_status_list"] = "ip" }, TestSite.ScriptName);
        var eventId = site.Store.LatestEventId;
        var dryRun = await daemon.WaitForLineAsync(l => l.Contains("[dry-run] create Note", StringComparison.Ordinal), "the logged create", TimeSpan.FromSeconds(30));

        Assert.Contains($"status of shot {shotId} is now ip", dryRun, StringComparison.Ordinal);
        Assert.Empty(TestSite.Events(site, "Shotgun_Note_New"));
        Assert.Equal(eventId, site.Store.LatestEventId);
        Assert.Equal(Unreadable, File.ReadAllText(sandbox.StatePath + ".bak"));

        await Eventually.TrueAsync(() => LiveLastEventId(sandbox.StatePath + ".status.json") == eventId,
            "the running daemon's status file shows the event handled", TimeSpan.FromSeconds(30));
        var json = await CommandProcess.RunAsync(sandbox.Root, "status", "--json");
        var table = await CommandProcess.RunAsync(sandbox.Root, "status");

        Assert.True(json.ExitCode == 0, json.ToString());
        var report = JObject.Parse(json.Output);
        Assert.True((bool)report["daemon_running"]!);
        Assert.Equal(daemon.Id, (int)report["daemon_pid"]!);
        Assert.Equal(eventId, (long)report["site_latest_event_id"]!);
        var plugin = Assert.Single(report["plugins"]!.OfType<JObject>());
        Assert.Equal("note_on_shot_change", (string?)plugin["plugin"]);
        Assert.True((bool)plugin["active"]!);
        Assert.Equal(eventId, (long)plugin["last_event_id"]!);
        Assert.Equal(0, (long)plugin["lag_events"]!);
        Assert.Contains($"running (pid {daemon.Id})", table.Output, StringComparison.Ordinal);
        Assert.Matches(@"note_on_shot_change\s+yes\s+" + eventId, table.Output);

        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var state = JObject.Parse(File.ReadAllText(sandbox.StatePath));
        Assert.Equal(eventId, (long)state.SelectToken("collections.plugins.note_on_shot_change.last_event_id")!);
        var after = await CommandProcess.RunAsync(sandbox.Root, "status");
        Assert.Contains("Daemon: not running", after.Output, StringComparison.Ordinal);
        Assert.Contains("daemon not running", after.Output, StringComparison.Ordinal);
    }

    private static long? LiveLastEventId(string statusFile)
    {
        try
        {
            return File.Exists(statusFile)
                ? JObject.Parse(File.ReadAllText(statusFile))["plugins"]?.FirstOrDefault()?.Value<long?>("last_event_id")
                : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
