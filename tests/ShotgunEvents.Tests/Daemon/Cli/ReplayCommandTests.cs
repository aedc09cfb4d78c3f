using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Daemon.Cli.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>replay</c> through the real command: chosen past events, dry or not, the state file never touched.</summary>
public sealed class ReplayCommandTests
{
    [Fact]
    public async Task Replay_RangeDryRunThenOneEventForReal_StateFileStaysByteIdentical()
    {
        await using var site = await TestSite.StartAsync();
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig(site.BaseUri.ToString(), TestSite.ScriptName, TestSite.ScriptKey);
        sandbox.AddPlugin("note_on_shot_change.csx");
        var shotId = (int)site.Store.Create("Shot", new JObject { ["code"] = "rep_0010" }, TestSite.ScriptName)["id"]!;
        foreach (var status in new[] { "ip", "rev", "fin" })
        {
            site.Store.Update("Shot", shotId, new JObject { ["sg_status_list"] = status }, TestSite.ScriptName);
        }

        var changes = TestSite.Events(site, "Shotgun_Shot_Change").Where(e => (string?)e["attribute_name"] == "sg_status_list")
            .Select(e => (int)e["id"]!).TakeLast(3).ToList();
        var statePath = sandbox.Write("state/shotgun-events.state.json",
            """{"version": 1, "collections": {"plugins": {"note_on_shot_change": {"last_event_id": 1, "backlog": []}}}}""");
        var before = File.ReadAllBytes(statePath);
        var modified = File.GetLastWriteTimeUtc(statePath);

        var dry = await CommandProcess.RunAsync(sandbox.Root, "replay", "--plugin", "note_on_shot_change",
            "--event", changes[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--to", changes[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        foreach (var id in changes)
        {
            Assert.Contains($"event {id} (Shotgun_Shot_Change): Handled", dry.Output, StringComparison.Ordinal);
        }

        Assert.Equal(3, dry.Output.Split('\n').Count(l => l.Contains("[dry-run] create Note", StringComparison.Ordinal)));
        Assert.Empty(TestSite.Events(site, "Shotgun_Note_New"));

        var real = await CommandProcess.RunAsync(sandbox.Root, "replay", "-p", "note_on_shot_change", "-e",
            changes[^1].ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(real.ExitCode == 0, real.ToString());
        Assert.Single(TestSite.Events(site, "Shotgun_Note_New"));
        Assert.Equal(before, File.ReadAllBytes(statePath));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(statePath));
        Assert.False(File.Exists(statePath + ".status.json"), "replay is not the daemon: no status file");
    }

    [Fact]
    public async Task Replay_EmbeddedSiteWhileTheDaemonRuns_ReplaysAgainstTheDaemonsSiteSayingSoAndLeavesItsLogsAlone()
    {
        using var sandbox = new CliSandbox();
        Assert.Equal(0, (await CommandProcess.RunAsync(sandbox.Root, "init")).ExitCode);
        using var daemon = CommandProcess.Start(sandbox.Root, "run");
        await Eventually.TrueAsync(() => File.Exists(sandbox.StatePath + ".status.json") || daemon.HasExited, "the daemon's status file", TimeSpan.FromMinutes(3));
        Assert.False(daemon.HasExited, daemon.Output + daemon.Error);
        var site = (string?)JObject.Parse(File.ReadAllText(sandbox.StatePath + ".status.json"))["site"];
        var engineLog = sandbox.Path("logs", "shotgun-events.log");
        var pluginLog = sandbox.Path("logs", "plugin.log_changes.log");

        var replay = await CommandProcess.RunAsync(sandbox.Root, "replay", "--plugin", "log_changes", "--event", "1", "--to", "40", "--dry-run");

        Assert.True(replay.ExitCode == 0, replay.ToString());
        var lines = replay.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"[replay] server = embedded, and a daemon (pid {daemon.Id}) runs on this config: replaying against its embedded site at {site} (the events status shows).", lines[0]);
        Assert.All(lines, l => Assert.StartsWith("[replay] ", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("plugin.log_changes.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(": Handled", StringComparison.Ordinal));
        Assert.False(File.Exists(sandbox.Path("state", "embedded-site.json")), "replay saved the site the daemon saves");

        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(File.Exists(sandbox.Path("state", "embedded-site.json")), "the daemon saves its own site when it stops");
        var saved = File.GetLastWriteTimeUtc(sandbox.Path("state", "embedded-site.json"));

        // With no daemon running, a copy of the site that daemon saved, and the copy is left as it was.
        var again = await CommandProcess.RunAsync(sandbox.Root, "replay", "--plugin", "log_changes", "--event", "1", "--dry-run");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("[replay] server = embedded and no daemon runs on this config: replaying against the demo site as a daemon saved it",
            again.Output, StringComparison.Ordinal);
        Assert.Equal(saved, File.GetLastWriteTimeUtc(sandbox.Path("state", "embedded-site.json")));
        // A plugin that met no event of its own has no log file yet: replay must not have made one either.
        foreach (var log in new[] { engineLog, pluginLog })
        {
            var text = File.Exists(log) ? File.ReadAllText(log) : string.Empty;
            Assert.DoesNotContain("[replay]", text, StringComparison.Ordinal);
            Assert.DoesNotContain("--dry-run", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "--plugin", "nope", "--event", "1" }, "No plugin named 'nope'")]
    [InlineData(new[] { "--plugin", "note_on_shot_change", "--event", "5", "--to", "2" }, "--event 5 --to 2")]
    public async Task Replay_BadInput_ExitsTwoWithOneLine(string[] args, string message)
    {
        await using var site = await TestSite.StartAsync();
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig(site.BaseUri.ToString(), TestSite.ScriptName, TestSite.ScriptKey);
        sandbox.AddPlugin("note_on_shot_change.csx");

        var result = await CommandProcess.RunAsync(sandbox.Root, ["replay", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
