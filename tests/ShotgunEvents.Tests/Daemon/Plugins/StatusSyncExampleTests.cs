using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>
/// The porting guide's plugin, <c>examples/status_sync.csx</c>, run as shipped against the emulator: its
/// registration-time check, its debug level and its batch.
/// </summary>
public sealed class StatusSyncExampleTests
{
    [Fact]
    public async Task StatusSync_TasksGoFinal_ApprovesPendingVersionsThenFinalizesTheShot()
    {
        Environment.SetEnvironmentVariable("SGDAEMON_STATUSSYNC_NAME", PluginSiteHost.SyncScript);
        Environment.SetEnvironmentVariable("SGDAEMON_STATUSSYNC_KEY", PluginSiteHost.SyncKey);
        try
        {
            EntityRef shot = null!, layout = null!, anim = null!, pending = null!, viewed = null!;
            await using var host = await PluginSiteHost.StartAsync("PluginScopes", [], capturedFrom: LogLevel.Info, seed: async sg =>
            {
                var project = (await sg.CreateAsync("Project", new { name = "Sync" })).ToRef();
                shot = (await sg.CreateAsync("Shot", new { code = "sync_010", project })).ToRef();
                layout = (await sg.CreateAsync("Task", new { content = "layout", entity = shot, project, sg_status_list = "ip" })).ToRef();
                anim = (await sg.CreateAsync("Task", new { content = "anim", entity = shot, project, sg_status_list = "ip" })).ToRef();
                pending = (await sg.CreateAsync("Version", new { code = "layout_v1", sg_task = layout, project, sg_status_list = "rev" })).ToRef();
                viewed = (await sg.CreateAsync("Version", new { code = "layout_v2", sg_task = layout, project, sg_status_list = "vwd" })).ToRef();
            });
            File.Copy(Path.Combine(CliSandbox.RepositoryRoot, "examples", "status_sync.csx"), Path.Combine(host.Directory.Plugins, "status_sync.csx"));
            await host.LoadAsync();
            var plugin = host["status_sync"];
            Assert.True(plugin.IsActive, host.Logs.Dump());
            Assert.Equal(LogLevel.Debug, plugin.LogLevel);

            var marker = host.Site.Store.LatestEventId;
            await host.Daemon.UpdateAsync("Task", layout.Id, new { sg_status_list = "fin" });
            var first = await host.ProcessAfterAsync("status_sync", marker);
            var afterLayout = await StatusesAsync(host, shot, pending, viewed);
            marker = host.Site.Store.LatestEventId;
            await host.Daemon.UpdateAsync("Task", anim.Id, new { sg_status_list = "fin" });
            var second = await host.ProcessAfterAsync("status_sync", marker);

            Assert.Equal([PluginOutcome.Handled], first);
            Assert.Equal([PluginOutcome.Handled], second);
            Assert.Equal(("wtg", "apr", "vwd"), afterLayout);
            Assert.Equal(("fin", "apr", "vwd"), await StatusesAsync(host, shot, pending, viewed));
            Assert.Equal(
                [$"Task {layout.Id}: ip -> fin", $"Task {layout.Id} final: 1 update(s) for sync_010", $"Task {anim.Id}: ip -> fin", $"Task {anim.Id} final: 1 update(s) for sync_010"],
                host.Logs.Messages("plugin.status_sync.SyncStatus"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SGDAEMON_STATUSSYNC_NAME", null);
            Environment.SetEnvironmentVariable("SGDAEMON_STATUSSYNC_KEY", null);
        }
    }

    private static async Task<(string?, string?, string?)> StatusesAsync(PluginSiteHost host, EntityRef shot, EntityRef pending, EntityRef viewed)
    {
        async Task<string?> Status(EntityRef entity) =>
            (await host.Daemon.FindOneAsync(entity.Type, Filter.Is("id", entity.Id), "sg_status_list"))!.Get<string>("sg_status_list");
        return (await Status(shot), await Status(pending), await Status(viewed));
    }
}
