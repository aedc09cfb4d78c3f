using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Plugins;

public sealed class PluginRegistrationTests : IDisposable
{
    private const string Scenario = "PluginRegistration";
    private readonly TempPluginDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Load_LowerCaseSyncAndUpperCaseAsync_BothRegisterAndRun()
    {
        _dir.Copy(Scenario, "lower_sync.csx");
        _dir.Copy(Scenario, "upper_async.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        Assert.Equal(["lower_sync", "upper_async"], host.Collection.Plugins.Select(p => p.Name));
        Assert.All(host.Collection.Plugins, p => Assert.True(p.IsActive, p.InactiveReason));

        foreach (var id in new[] { 1, 2 })
        {
            foreach (var plugin in host.Collection.Plugins)
            {
                Assert.Equal(PluginOutcome.Handled, await plugin.ProcessAsync(TestEvents.Make(id), CancellationToken.None));
            }
        }

        Assert.Equal(["sync 1 Shotgun_Shot_Change bunny_010_0010", "sync 2 Shotgun_Shot_Change bunny_010_0010"],
            host.Logs.Messages("plugin.lower_sync.OnEvent"));
        // args is the same List instance on every call.
        Assert.Equal(["async 1 seen 1", "async 2 seen 1,2"], host.Logs.Messages("plugin.upper_async.OnEventAsync"));
    }

    [Fact]
    public async Task Load_CancellableLambdaAndLocalFunction_RunWithTheirNames()
    {
        _dir.Copy(Scenario, "cancellable.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();
        using var shutdown = new CancellationTokenSource();

        Assert.Equal(PluginOutcome.Handled, await host["cancellable"].ProcessAsync(TestEvents.Make(5), shutdown.Token));

        Assert.Equal(["token 5 True"], host.Logs.Messages("plugin.cancellable.OnEventWithToken"));
        Assert.Equal(["lambda 5"], host.Logs.Messages("plugin.cancellable.callback2"));
        Assert.Equal(["local 5"], host.Logs.Messages("plugin.cancellable.Local"));
    }

    [Fact]
    public async Task Load_DesignExample_CompilesAndRegistersWithDaemonCredentials()
    {
        _dir.Copy(Scenario, "design_example.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        var plugin = host["design_example"];
        Assert.True(plugin.IsActive, plugin.InactiveReason + "\n" + host.Logs.Dump());
        // A Change of another type does not match, so no connection is ever made.
        Assert.Equal(PluginOutcome.Handled, await plugin.ProcessAsync(TestEvents.Make(1), CancellationToken.None));
        Assert.Equal(0, host.Connections.CreateCount);
    }

    [Fact]
    public async Task Load_SettingsEnvironmentAndEmails_AreVisibleToThePlugin()
    {
        Environment.SetEnvironmentVariable("SGE_PLUGIN_TEST_ENV", "from-env");
        _dir.Copy(Scenario, "settings.csx");
        _dir.Copy(Scenario, "no_emails.csx");
        await using var host = new PluginTestHost(_dir, o => o.Settings = new Dictionary<string, string> { ["sg_url"] = "https://site.example" });
        await host.LoadAsync();

        Assert.Contains("setting=https://site.example reg=https://site.example env=from-env renv=from-env name=settings missing=null",
            host.Logs.Messages("plugin.settings"));
        Assert.Equal(EmailRecipientsKind.Custom, host["settings"].EmailRecipients.Kind);
        Assert.Equal(["td@studio.example", "lead@studio.example"], host["settings"].EmailRecipients.Addresses);
        Assert.Same(EmailRecipients.None, host["no_emails"].EmailRecipients);
    }

    [Fact]
    public async Task Load_NoRegisterCallbacks_IsInactiveWithReason()
    {
        _dir.Copy(Scenario, "no_register.csx");
        _dir.Copy(Scenario, "lower_sync.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        var plugin = host["no_register"];
        Assert.False(plugin.IsActive);
        Assert.Contains("did not find a registerCallbacks function", plugin.InactiveReason, StringComparison.Ordinal);
        Assert.Equal(PluginOutcome.Inactive, await plugin.ProcessAsync(TestEvents.Make(1), CancellationToken.None));
        Assert.True(host["lower_sync"].IsActive);
    }

    [Fact]
    public async Task Load_RegisterCallbacksThrows_IsInactiveAndLogged()
    {
        _dir.Copy(Scenario, "register_throws.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        var plugin = host["register_throws"];
        Assert.False(plugin.IsActive);
        Assert.Contains("cannot register today", plugin.InactiveReason, StringComparison.Ordinal);
        var logged = host.Logs.Entries.Single(e => e.Logger == "plugin.register_throws" && e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(logged.Exception);
        Assert.Contains("register_throws.csx:line 4", logged.Exception!.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ZeroCallbacks_IsActiveAndHandlesEveryEvent()
    {
        _dir.Copy(Scenario, "zero_callbacks.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        Assert.True(host["zero_callbacks"].IsActive);
        Assert.Equal(PluginOutcome.Handled, await host["zero_callbacks"].ProcessAsync(TestEvents.Make(1), CancellationToken.None));
    }

    [Fact]
    public async Task Load_StringMatchValue_WarnsOnceAndMatchesExactly()
    {
        _dir.Copy("PluginMatchEvents", "string_quirk.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();
        var plugin = host["string_quirk"];

        await plugin.ProcessAsync(TestEvents.Make(1, "Shotgun_Task_Change", "status"), CancellationToken.None);
        await plugin.ProcessAsync(TestEvents.Make(2, "Shotgun_Task_Change", "sg_status_list"), CancellationToken.None);

        Assert.Equal(1, host.Logs.Count("matchEvents[\"Shotgun_Task_Change\"] is the string \"sg_status_list\""));
        Assert.Equal(["status 2 sg_status_list"], host.Logs.Messages("plugin.string_quirk.OnStatus"));
        Assert.Equal(["again 2"], host.Logs.Messages("plugin.string_quirk.OnStatusAgain"));
    }

    [Fact]
    public async Task Process_EveryMatchEventsRule_SelectsTheRightCallbacks()
    {
        _dir.Copy("PluginMatchEvents", "filters.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();
        var plugin = host["filters"];

        await plugin.ProcessAsync(TestEvents.Make(1, "Shotgun_Shot_Change", "code"), CancellationToken.None);
        await plugin.ProcessAsync(TestEvents.Make(2, "Shotgun_Shot_Change", "sg_status_list"), CancellationToken.None);
        await plugin.ProcessAsync(TestEvents.Make(3, "Shotgun_Shot_New", null), CancellationToken.None);
        await plugin.ProcessAsync(TestEvents.Make(4, "Shotgun_Asset_Change", "code"), CancellationToken.None);

        string Ran(int id) => string.Join(" ", host.Logs.MessagesUnder("plugin.filters.").Where(m => m.EndsWith($" {id}", StringComparison.Ordinal))
            .Select(m => m.Split(' ')[0]));
        Assert.Equal("All Empty StarKey AnyAttribute CodeOnly", Ran(1));
        Assert.Equal("All Empty AnyAttribute", Ran(2));
        Assert.Equal("All Empty NewShots", Ran(3));
        Assert.Equal("All Empty StarKey", Ran(4));
    }

    [Fact]
    public async Task Process_PluginChangesTheEvent_OtherPluginsSeeTheOriginal()
    {
        _dir.Copy(Scenario, "a_mutator.csx");
        _dir.Copy(Scenario, "b_reader.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();
        var evt = TestEvents.Make(4);

        foreach (var plugin in host.Collection.Plugins)
        {
            await plugin.ProcessAsync(evt, CancellationToken.None);
        }

        Assert.Equal(["v4 none"], host.Logs.Messages("plugin.b_reader.Read"));
        Assert.Equal("v4", evt.Meta.Value<string>("new_value"));
    }

    [Fact]
    public async Task Process_MultiEntityMeta_LinqOverJArrayCompilesAndRuns()
    {
        _dir.Copy(Scenario, "multi_entity.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();
        var evt = ShotgunEvent.FromJson(Newtonsoft.Json.Linq.JObject.Parse("""
            {"id":30,"event_type":"Shotgun_Task_Change","attribute_name":"task_assignees","created_at":"2024-01-02T03:04:05Z",
             "meta":{"type":"attribute_change","attribute_name":"task_assignees","field_data_type":"multi_entity",
                     "added":[{"type":"HumanUser","id":1,"name":"Jane"},{"type":"HumanUser","id":2,"name":"Ali"}],"removed":[]}}
            """));

        Assert.True(host["multi_entity"].IsActive, host["multi_entity"].InactiveReason);
        Assert.Equal(PluginOutcome.Handled, await host["multi_entity"].ProcessAsync(evt, CancellationToken.None));
        Assert.Equal(["added Jane,Ali removed 0"], host.Logs.Messages("plugin.multi_entity.OnAssignees"));
    }
}
