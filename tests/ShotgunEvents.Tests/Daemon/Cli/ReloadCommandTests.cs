using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Daemon.Cli.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>reload</c> through the real command, against a real running daemon: SIGHUP without a signal.</summary>
public sealed class ReloadCommandTests
{
    [Fact]
    public async Task Reload_DaemonRunning_ItReloadsEveryPluginAndAnswersWithWhatItDid()
    {
        await using var site = await TestSite.StartAsync();
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig(site.BaseUri.ToString(), TestSite.ScriptName, TestSite.ScriptKey);
        sandbox.AddPlugin("note_on_shot_change.csx");
        sandbox.AddPlugin("quiet.csx");
        using var daemon = CommandProcess.Start(sandbox.Root, "run");
        await daemon.WaitForLineAsync(l => l.Contains("Watching 2 plugin(s)", StringComparison.Ordinal), "the plugins loaded", TimeSpan.FromSeconds(120));
        site.Store.Create("Shot", new JObject { ["code"] = "reload_0010" }, TestSite.ScriptName);
        await Eventually.TrueAsync(() => File.Exists(sandbox.StatePath + ".status.json"), "the daemon's status file", TimeSpan.FromSeconds(60));
        var reloadsBefore = Count(daemon.Output, "Reloading plugin at ");

        var reload = await CommandProcess.RunAsync(sandbox.Root, "reload");

        Assert.True(reload.ExitCode == 0, reload + "\ndaemon:\n" + daemon.Output);
        Assert.Contains($"Asked the daemon (pid {daemon.Id})", reload.Output, StringComparison.Ordinal);
        Assert.Contains("Reloaded: 2 plugin(s) reloaded, 2 active.", reload.Output, StringComparison.Ordinal);
        Assert.Contains("Reload asked (shotgun-events reload): reloading every plugin.", daemon.Output, StringComparison.Ordinal);
        Assert.Equal(reloadsBefore + 2, Count(daemon.Output, "Reloading plugin at "));
        Assert.False(File.Exists(sandbox.StatePath + ".reload-request"));

        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Reload_NoDaemonRunning_ExitsOneSayingSoAndLeavesNoRequest()
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteConfig("embedded");
        Directory.CreateDirectory(sandbox.Path("plugins"));

        var reload = await CommandProcess.RunAsync(sandbox.Root, "reload");

        Assert.Equal(1, reload.ExitCode);
        Assert.Contains($"No daemon is running on {sandbox.StatePath}", reload.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.StatePath + ".reload-request"));
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;
}
