using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>
/// What plugins do in <c>registerCallbacks</c> against a real site: look things up through <c>reg.Shotgun</c>, open
/// other credentials with <c>reg.Connect</c>, stop on a missing setting; and what a failure there costs.
/// </summary>
public sealed class PluginRegistrationSiteTests
{
    private const string Scenario = "PluginSiteRegistration";

    [Fact]
    public async Task RegisterCallbacks_LooksUpThroughRegShotgun_RegistersWithWhatItFoundAndSharesTheConnection()
    {
        await using var host = await PluginSiteHost.StartAsync(Scenario, ["lookup_project.csx"], settings: new() { ["project"] = "Bunny" });
        var project = (await host.Daemon.CreateAsync("Project", new { name = "Bunny" })).ToRef();
        var shot = await host.Daemon.CreateAsync("Shot", new { code = "bunny_010", project });
        var before = host.Site.Store.LatestEventId;
        await host.Daemon.UpdateAsync("Shot", shot.Id, new { description = "wide" });

        await host.LoadAsync();
        var outcomes = await host.ProcessAfterAsync("lookup_project", before);

        var plugin = host["lookup_project"];
        Assert.True(plugin.IsActive, host.Logs.Dump());
        Assert.Equal([PluginOutcome.Handled], outcomes);
        Assert.Equal([$"bunny_010 in project {project.Id}: True"], host.Logs.Messages("plugin.lookup_project.OnShot"));
        // registerCallbacks and the callback used the same daemon-credential connection.
        Assert.Equal(1, plugin.ConnectionCount);
    }

    [Fact]
    public async Task RegisterCallbacks_LookUpFindsNothing_RegistersNothingAndStaysActive()
    {
        await using var host = await PluginSiteHost.StartAsync(Scenario, ["lookup_project.csx"], settings: new() { ["project"] = "Nowhere" });

        await host.LoadAsync();

        var plugin = host["lookup_project"];
        Assert.True(plugin.IsActive);
        Assert.Contains("No project named Nowhere: nothing registered.", host.Logs.Messages("plugin.lookup_project"));
    }

    [Fact]
    public async Task RegisterCallbacks_ConnectWithAWrongKey_PluginInactiveNamingTheFaultNotTheKey()
    {
        await using var host = await PluginSiteHost.StartAsync(Scenario, ["wrong_key.csx"]);

        await host.LoadAsync();

        var plugin = host["wrong_key"];
        Assert.False(plugin.IsActive);
        Assert.Contains("Error running registerCallbacks of the plugin: AuthenticationFault: Can't authenticate script 'sync_bot'", plugin.InactiveReason,
            StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key-0a1b2c", host.Logs.Dump(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key-0a1b2c", plugin.InactiveReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterCallbacks_RequiredEnvironmentVariableMissing_PluginInactiveWithThePluginsMessage()
    {
        await using var host = await PluginSiteHost.StartAsync(Scenario, ["needs_env.csx"]);

        await host.LoadAsync();

        var plugin = host["needs_env"];
        Assert.False(plugin.IsActive);
        Assert.Equal("Plugin needs_env needs the environment variable SGE_TEST_NEVER_SET_1F3C, which is not set.", plugin.InactiveReason);
        var error = Assert.Single(host.Logs.Entries, e => e.Logger == "plugin.needs_env" && e.Level == NLog.LogLevel.Error);
        Assert.Null(error.Exception);
        Assert.Contains("SGE_TEST_NEVER_SET_1F3C", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_ConnectionOpenedAtRegistration_WritesAsThatScript()
    {
        await using var host = await PluginSiteHost.StartAsync(Scenario, ["writes_as_other_script.csx"],
            settings: new() { ["writer_name"] = PluginSiteHost.SyncScript, ["writer_key"] = PluginSiteHost.SyncKey });
        var shot = await host.Daemon.CreateAsync("Shot", new { code = "sh010" });
        var before = host.Site.Store.LatestEventId;
        await host.Daemon.UpdateAsync("Shot", shot.Id, new { sg_status_list = "ip" });
        await host.LoadAsync();

        var outcomes = await host.ProcessAfterAsync("writes_as_other_script", before);

        Assert.Equal([PluginOutcome.Handled], outcomes);
        var written = Assert.Single(await host.EventsAfterAsync(before + 1));
        Assert.Equal("description", written.AttributeName);
        Assert.Equal("status is ip", written.NewValue<string>());
        var writer = await host.Daemon.FindOneAsync("ApiUser", Filter.Is("firstname", PluginSiteHost.SyncScript), "firstname");
        Assert.Equal(writer!.ToRef(), written.User);
        Assert.Equal(JTokenType.String, written.Meta["new_value"]!.Type);
    }
}
