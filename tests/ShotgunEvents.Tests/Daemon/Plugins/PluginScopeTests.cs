using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Daemon.Plugins.Scoping;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>
/// Event scopes against a real site, with events from several projects and several users (scripts, a person, a
/// script acting as a person): the daemon-wide <c>limit_to_projects</c>, <c>ignore_projects</c> and
/// <c>ignore_users</c>, and each callback's <c>InProjects</c> and <c>SkipOwnWrites</c>. A skipped event is handled
/// all the same, and counted by reason.
/// </summary>
public sealed class PluginScopeTests
{
    private const string Scenario = "PluginScopes";

    [Fact]
    public async Task CallbackScopes_EventsOfSeveralProjectsAndUsers_EachCallbackRunsOnItsOwnScope()
    {
        var site = await ScopeSite.StartAsync(["scoped.csx"], null);
        await using var host = site.Host;
        var sudo = host.Sync.AsUser("jane");

        var first = await host.Daemon.UpdateAsync("Shot", site.ShotIn["Alpha"], new { description = "by daemon" });
        await host.Sync.UpdateAsync("Shot", site.ShotIn["Beta"], new { description = "by sync" });
        await host.Noisy.UpdateAsync("Shot", site.ShotIn["Gamma"], new { description = "by noisy" });
        await sudo.UpdateAsync("Shot", site.ShotIn["Alpha"], new { description = "by jane, through sync" });
        await host.Noisy.UpdateAsync("HumanUser", site.Jane.Id, new { name = "Jane D." });
        var ids = (await host.EventsAfterAsync(site.Marker)).Select(e => e.Id).ToArray();
        Assert.Equal(5, ids.Length);

        var outcomes = await host.ProcessAfterAsync("scoped", site.Marker);

        Assert.All(outcomes, o => Assert.Equal(PluginOutcome.Handled, o));
        Assert.Equal(Ids(ids, 0, 1, 2, 3, 4), Ran(host, "OnAny"));
        Assert.Equal(Ids(ids, 0, 3), Ran(host, "OnAlpha"));
        Assert.Equal(Ids(ids, 1), Ran(host, "OnBetaById"));
        Assert.Equal(Ids(ids, 0, 2, 4), Ran(host, "OnNotOwn"));
        Assert.Equal(Ids(ids, 1, 2, 3, 4), Ran(host, "OnNotDaemons"));
        var skips = host["scoped"].Skips;
        Assert.Equal(7, skips[SkipReason.CallbackProject]);
        Assert.Equal(3, skips[SkipReason.OwnWrite]);
        Assert.Equal(0, skips[SkipReason.Project] + skips[SkipReason.User]);
        var status = PluginStatusFields.For(host["scoped"]);
        Assert.Equal("projects [alpha]", (string?)status["callback_scopes"]!["OnAlpha"]);
        Assert.Equal("skips own writes", (string?)status["callback_scopes"]!["OnNotOwn"]);
        Assert.Null(status["callback_scopes"]!["OnAny"]);
        Assert.Equal(7, (long)status["skipped"]!["callback_project"]!);
        Assert.NotNull(first);
    }

    [Fact]
    public async Task DaemonScope_LimitToProjectsAndIgnoreUsers_SkipsOthersButHandlesEveryEvent()
    {
        var site = await ScopeSite.StartAsync(["recorder.csx"], projects => new DaemonScope(
            ProjectSelector.Parse(["Alpha", projects["Beta"].ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            ProjectSelector.None,
            [PluginSiteHost.NoisyScript, "jane"]));
        await using var host = site.Host;

        await host.Daemon.UpdateAsync("Shot", site.ShotIn["Alpha"], new { description = "1" });
        await host.Daemon.UpdateAsync("Shot", site.ShotIn["Beta"], new { description = "2" });
        await host.Daemon.UpdateAsync("Shot", site.ShotIn["Gamma"], new { description = "3 outside the projects" });
        await host.Noisy.UpdateAsync("Shot", site.ShotIn["Alpha"], new { description = "4 by an ignored script" });
        await host.Sync.AsUser("jane").UpdateAsync("Shot", site.ShotIn["Beta"], new { description = "5 by an ignored person" });
        await host.Daemon.UpdateAsync("HumanUser", site.Jane.Id, new { name = "6 has no project" });
        await host.Sync.UpdateAsync("Shot", site.ShotIn["Beta"], new { description = "7" });
        var ids = (await host.EventsAfterAsync(site.Marker)).Select(e => e.Id).ToArray();

        var outcomes = await host.ProcessAfterAsync("recorder", site.Marker);

        Assert.Equal(Enumerable.Repeat(PluginOutcome.Handled, 7), outcomes);
        Assert.Equal(Ids(ids, 0, 1, 5, 6), Ran(host, "OnEvent", "recorder"));
        Assert.Equal(1, host["recorder"].Skips[SkipReason.Project]);
        Assert.Equal(2, host["recorder"].Skips[SkipReason.User]);
    }

    [Fact]
    public async Task DaemonScope_IgnoreProjectsByName_SkipsOnlyThatProject()
    {
        var site = await ScopeSite.StartAsync(["recorder.csx"], _ => new DaemonScope(ProjectSelector.None, ProjectSelector.Parse(["gamma"]), []));
        await using var host = site.Host;

        foreach (var project in new[] { "Alpha", "Beta", "Gamma" })
        {
            await host.Daemon.UpdateAsync("Shot", site.ShotIn[project], new { description = project });
        }

        var ids = (await host.EventsAfterAsync(site.Marker)).Select(e => e.Id).ToArray();

        await host.ProcessAfterAsync("recorder", site.Marker);

        Assert.Equal(Ids(ids, 0, 1), Ran(host, "OnEvent", "recorder"));
        Assert.Equal(1, host["recorder"].Skips[SkipReason.Project]);
    }

    [Fact]
    public async Task DaemonScope_ProjectCreatedAfterTheStart_IsLookedUpAgainWhenItAppears()
    {
        var site = await ScopeSite.StartAsync(["recorder.csx"], _ => new DaemonScope(ProjectSelector.Parse(["Delta"]), ProjectSelector.None, []));
        await using var host = site.Host;

        await host.Daemon.UpdateAsync("Shot", site.ShotIn["Alpha"], new { description = "before Delta" });
        await host.ProcessAfterAsync("recorder", site.Marker);
        var beforeDelta = host.Site.Store.LatestEventId;
        var delta = (await host.Daemon.CreateAsync("Project", new { name = "Delta" })).ToRef();
        var shot = await host.Daemon.CreateAsync("Shot", new { code = "delta_010", project = delta });
        var marker = host.Site.Store.LatestEventId;
        await host.Daemon.UpdateAsync("Shot", shot.Id, new { description = "in Delta" });

        await host.ProcessAfterAsync("recorder", beforeDelta);

        Assert.Equal([(marker + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], Ran(host, "OnEvent", "recorder"));
        Assert.Equal(1, host["recorder"].Skips[SkipReason.Project]);
        Assert.True(host.Logs.Count("the site has no project named 'Delta'") == 1, host.Logs.Dump());
    }

    private static string[] Ids(int[] ids, params int[] positions) =>
        [.. positions.Select(p => ids[p].ToString(System.Globalization.CultureInfo.InvariantCulture))];

    // The callbacks log each event they run on at INFO; the skips are DEBUG lines on the same logger.
    private static string[] Ran(PluginSiteHost host, string callback, string plugin = "scoped") =>
        [.. host.Logs.Entries.Where(e => e.Logger == $"plugin.{plugin}.{callback}" && e.Level == NLog.LogLevel.Info).Select(e => e.Message)];

    /// <summary>A site with three projects (a shot in each) and a person, and the plugins loaded with a daemon scope.</summary>
    private sealed record ScopeSite(PluginSiteHost Host, IReadOnlyDictionary<string, int> ShotIn, EntityRef Jane, long Marker)
    {
        public static async Task<ScopeSite> StartAsync(string[] fixtures, Func<IReadOnlyDictionary<string, int>, DaemonScope>? scope)
        {
            var projects = new Dictionary<string, int>();
            var shots = new Dictionary<string, int>();
            PluginSiteHost? host = null;
            var settings = new Dictionary<string, string> { ["sync_name"] = PluginSiteHost.SyncScript, ["sync_key"] = PluginSiteHost.SyncKey };
            host = await PluginSiteHost.StartAsync(Scenario, fixtures, options =>
            {
                if (scope is not null)
                {
                    options.Scope = scope(projects);
                }
            }, settings, seed: async sg =>
            {
                foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
                {
                    var project = (await sg.CreateAsync("Project", new { name })).ToRef();
                    projects[name] = project.Id;
                    shots[name] = (await sg.CreateAsync("Shot", new { code = name.ToLowerInvariant() + "_010", project })).Id;
                }

                settings["beta_id"] = projects["Beta"].ToString(System.Globalization.CultureInfo.InvariantCulture);
                await sg.CreateAsync("HumanUser", new { login = "jane", name = "Jane Doe" });
            });
            await host.LoadAsync();
            Assert.All(host.Collection.Plugins, p => Assert.True(p.IsActive, host.Logs.Dump()));
            var jane = (await host.Daemon.FindOneAsync("HumanUser", Filter.Is("login", "jane"), "login"))!.ToRef();
            return new ScopeSite(host, shots, jane, host.Site.Store.LatestEventId);
        }
    }
}
