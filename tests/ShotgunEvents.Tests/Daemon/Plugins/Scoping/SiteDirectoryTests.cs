using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins.Scoping;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Daemon.Plugins.Scoping;

/// <summary>The name look-ups of the event scopes against the emulator: at start, after a failure, after a rename.</summary>
public sealed class SiteDirectoryTests : IAsyncLifetime, IDisposable
{
    private readonly LogCapture _logs = new();
    private EmulatorSite _site = null!;

    public async Task InitializeAsync() => _site = await EmulatorSite.StartAsync(maxRetries: 0);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task PrefetchAsync_SomeNamesUnknown_WarnsNamingThemOnce()
    {
        var bunny = await _site.Client.CreateAsync("Project", new { name = "Bunny" });
        var directory = new SiteDirectory();

        await directory.PrefetchAsync(DirectoryNeeds.Of(["bunny", "Nowhere"], ["ghost"], ["ghost", EmulatorSite.ScriptName]), _site.Client, Log);

        Assert.Equal([bunny.Id], directory.Current!.ProjectIds("BUNNY"));
        Assert.Single(directory.Current.ScriptIds(EmulatorSite.ScriptName));
        var warning = Assert.Single(_logs.Entries, e => e.Level == NLog.LogLevel.Warn);
        Assert.StartsWith("Event scopes: the site has no project named 'Nowhere', and no user login or script named 'ghost';", warning.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrefetchAsync_SiteFails_WarnsAndTheNextGetLooksUpAgain()
    {
        await _site.Client.CreateAsync("Project", new { name = "Bunny" });
        var directory = new SiteDirectory();
        var needs = DirectoryNeeds.Of(["Bunny"], [], []);
        _site.Faults.FailNext(1, 503);

        await directory.PrefetchAsync(needs, _site.Client, Log);
        var snapshot = await directory.GetAsync(needs, _site.Client, Log, CancellationToken.None);

        Assert.Contains(_logs.Entries, e => e.Message.StartsWith("Event scopes: could not look up the project and user names at start", StringComparison.Ordinal));
        Assert.Single(snapshot.ProjectIds("Bunny"));
    }

    [Fact]
    public async Task Observe_ProjectRenamed_NextGetSeesTheNewName()
    {
        var project = await _site.Client.CreateAsync("Project", new { name = "Bunny" });
        var directory = new SiteDirectory();
        var needs = DirectoryNeeds.Of(["Sintel"], [], []);
        var before = await directory.GetAsync(needs, _site.Client, Log, CancellationToken.None);
        var marker = _site.Server.Store.LatestEventId;
        await _site.Client.UpdateAsync("Project", project.Id, new { name = "Sintel" });
        var rename = Assert.Single(await _site.Client.ReadEventsAsync(Filter.GreaterThan("id", marker),
            ["id", "event_type", "attribute_name", "created_at"], null, CancellationToken.None));

        var unchanged = await directory.GetAsync(needs, _site.Client, Log, CancellationToken.None);
        directory.Observe(rename);
        var after = await directory.GetAsync(needs, _site.Client, Log, CancellationToken.None);

        Assert.Empty(before.ProjectIds("Sintel"));
        Assert.Same(before, unchanged);
        Assert.Equal([project.Id], after.ProjectIds("Sintel"));
    }

    private NLog.Logger Log => _logs.Factory.GetLogger("plugin.scopes");
}
