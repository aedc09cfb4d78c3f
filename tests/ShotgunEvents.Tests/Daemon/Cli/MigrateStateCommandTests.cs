using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>migrate-state FILE</c> through the real command, with the upstream pickle fixtures; and <c>status</c> on the result.</summary>
public sealed class MigrateStateCommandTests
{
    private static string UpstreamFixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "State", name);

    [Fact]
    public async Task MigrateState_Protocol2Pickle_WritesEveryPluginAndStatusListsThem()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("embedded");

        var migrated = await CommandProcess.RunAsync(sandbox.Root, "migrate-state", UpstreamFixture("upstream-protocol2.id"));
        var status = await CommandProcess.RunAsync(sandbox.Root, "status", "--json");

        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Contains("/usr/local/shotgun/plugins / versionStatus: last event 4998, 4 backlogged id(s)", migrated.Output, StringComparison.Ordinal);
        Assert.Contains("Note: /usr/local/shotgun/plugins is not in [plugins] paths", migrated.Output, StringComparison.Ordinal);
        var state = JObject.Parse(File.ReadAllText(sandbox.StatePath));
        Assert.Equal(5000, (long)state.SelectToken("collections['/usr/local/shotgun/plugins'].logArgs.last_event_id")!);
        Assert.Equal(4200, (long)state.SelectToken("collections['/studio/extra_plugins'].logArgs.last_event_id")!);

        Assert.True(status.ExitCode == 0, status.ToString());
        var report = JObject.Parse(status.Output);
        Assert.False((bool)report["daemon_running"]!);
        var plugins = report["plugins"]!.OfType<JObject>().ToList();
        var versionStatus = Assert.Single(plugins, p => (string?)p["plugin"] == "versionStatus");
        Assert.Equal(4998, (long)versionStatus["last_event_id"]!);
        Assert.Equal(4, (int)versionStatus["backlog_count"]!); // 4990-4992 and 4995
        Assert.Equal(4, plugins.Count);
    }

    [Fact]
    public async Task MigrateState_TargetIsThePickleItself_KeepsTheUpstreamFileAndWritesJsonInItsPlace()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("embedded", stateFile: "shotgunEventDaemon.id");
        var pickle = sandbox.Path("shotgunEventDaemon.id");
        File.Copy(UpstreamFixture("upstream-protocol5.id"), pickle);
        var original = File.ReadAllBytes(pickle);

        var migrated = await CommandProcess.RunAsync(sandbox.Root, "migrate-state", "shotgunEventDaemon.id");
        var again = await CommandProcess.RunAsync(sandbox.Root, "migrate-state", "shotgunEventDaemon.id");

        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Equal(original, File.ReadAllBytes(pickle + ".upstream"));
        Assert.Equal(1, (int)JObject.Parse(File.ReadAllText(pickle))["version"]!);
        // Migrating the JSON result again is refused in one line, and the first backup stays.
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("is not a readable pickle", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", again.Error, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(pickle + ".upstream"));
    }

    [Fact]
    public async Task MigrateState_ExistingStateFile_NeedsForceAndThenKeepsABackup()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("embedded");
        var existing = sandbox.Write("state/shotgun-events.state.json", """{"version": 1, "collections": {}}""");
        var before = File.ReadAllText(existing);

        var refused = await CommandProcess.RunAsync(sandbox.Root, "migrate-state", UpstreamFixture("upstream-plain-integer.id"));
        var forced = await CommandProcess.RunAsync(sandbox.Root, "migrate-state", UpstreamFixture("upstream-plain-integer.id"), "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("pass --force", refused.Error, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("Old plain-integer format: every plugin starts after event", forced.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(existing + ".bak"));
    }

    [Fact]
    public async Task MigrateState_NoSuchFile_ExitsTwo()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("embedded");

        var result = await CommandProcess.RunAsync(sandbox.Root, "migrate-state", "missing.id");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing.id: no such file", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.StatePath));
    }
}
