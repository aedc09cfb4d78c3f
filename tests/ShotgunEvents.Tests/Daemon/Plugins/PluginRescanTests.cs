using Microsoft.Extensions.Time.Testing;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>Reload through the periodic rescan alone (no watcher), driven by a fake clock: what network shares rely on.</summary>
public sealed class PluginRescanTests : IAsyncDisposable
{
    private const string Scenario = "PluginReload";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly TempPluginDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly PluginTestHost _host;

    public PluginRescanTests()
    {
        _host = new PluginTestHost(_dir, o =>
        {
            o.WatchFileSystem = false;
            o.RescanInterval = Interval;
        }, _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Rescan_ContentChangedWithSameMtimeAndSize_Reloads()
    {
        var path = _dir.Copy(Scenario, "counter_v1.csx", "counter.csx");
        var mtime = File.GetLastWriteTimeUtc(path);
        await StartAsync();

        _dir.Overwrite(Scenario, "counter_v2.csx", "counter.csx");
        File.SetLastWriteTimeUtc(path, mtime);
        Assert.Equal(new FileInfo(TempPluginDirectory.Fixture(Scenario, "counter_v1.csx")).Length, new FileInfo(path).Length);
        await RescanAsync();

        Assert.Equal(2, _host["counter"].Generation);
        await _host["counter"].ProcessAsync(TestEvents.Make(1), CancellationToken.None);
        Assert.Equal(["v2 1"], _host.Logs.Messages("plugin.counter.OnEvent"));
    }

    [Fact]
    public async Task Rescan_FileReplacedWithOlderMtime_Reloads()
    {
        var path = _dir.Copy(Scenario, "counter_v1.csx", "counter.csx");
        await StartAsync();

        _dir.Overwrite(Scenario, "counter_v2.csx", "counter.csx");
        File.SetLastWriteTimeUtc(path, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await RescanAsync();

        Assert.Equal(2, _host["counter"].Generation);
    }

    [Fact]
    public async Task Rescan_NothingChanged_DoesNotReload()
    {
        _dir.Copy(Scenario, "counter_v1.csx", "counter.csx");
        await StartAsync();

        await RescanAsync();
        await RescanAsync();

        Assert.Equal(1, _host["counter"].Generation);
        Assert.Equal(1, _host.Compiler.RoslynCompilations);
    }

    [Fact]
    public async Task Rescan_LoadedFileOutsideTheDirectoryChanged_Reloads()
    {
        var shared = Path.Combine(_dir.Root, "shared", "helper.csx");
        Directory.CreateDirectory(Path.GetDirectoryName(shared)!);
        File.WriteAllText(shared, "string Greeting() => \"one\";\n");
        _dir.Write("uses_shared.csx", """
            #load "../shared/helper.csx"
            void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent);
            void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info(Greeting());
            """);
        await StartAsync();

        File.WriteAllText(shared, "string Greeting() => \"two\";\n");
        await RescanAsync();

        await _host["uses_shared"].ProcessAsync(TestEvents.Make(1), CancellationToken.None);
        Assert.Equal(["two"], _host.Logs.Messages("plugin.uses_shared.OnEvent"));
    }

    [Fact]
    public async Task Rescan_MissingLoadedFileCreated_PluginComesBack()
    {
        _dir.Write("needs_helper.csx", """
            #load "helper.csx"
            void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent);
            void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info(Greeting());
            """);
        await StartAsync();
        Assert.False(_host["needs_helper"].IsActive);

        File.WriteAllText(Path.Combine(_dir.Plugins, "helper.csx.tmp"), "string Greeting() => \"here\";\n");
        File.Move(Path.Combine(_dir.Plugins, "helper.csx.tmp"), Path.Combine(_dir.Plugins, "helper.csx"));
        await RescanAsync();

        // helper.csx is itself a plugin file of the directory now (inactive: no registerCallbacks); needs_helper is back.
        Assert.True(_host["needs_helper"].IsActive, _host["needs_helper"].InactiveReason);
    }

    [Fact]
    public async Task Rescan_BrokenBesideHealthy_HealthyRunsAndFixedPluginComesBack()
    {
        _dir.Copy("PluginDiagnostics", "broken.csx");
        _dir.Copy(Scenario, "counter_v1.csx", "healthy.csx");
        await StartAsync();
        var broken = _host["broken"];

        Assert.False(broken.IsActive);
        Assert.Equal(PluginOutcome.Inactive, await broken.ProcessAsync(TestEvents.Make(1), CancellationToken.None));
        Assert.Equal(PluginOutcome.Handled, await _host["healthy"].ProcessAsync(TestEvents.Make(1), CancellationToken.None));

        _dir.Overwrite(Scenario, "counter_v2.csx", "broken.csx");
        await RescanAsync();

        Assert.True(broken.IsActive, broken.InactiveReason);
        Assert.Null(broken.InactiveReason);
        Assert.Equal(PluginOutcome.Handled, await broken.ProcessAsync(TestEvents.Make(2), CancellationToken.None));
        Assert.Equal(["v2 2"], _host.Logs.Messages("plugin.broken.OnEvent"));
    }

    [Fact]
    public async Task Rescan_HealthyPluginBroken_BecomesInactiveAndOthersRunOn()
    {
        _dir.Copy(Scenario, "counter_v1.csx", "a.csx");
        _dir.Copy(Scenario, "counter_v1.csx", "b.csx");
        await StartAsync();

        _dir.Overwrite("PluginDiagnostics", "broken.csx", "a.csx");
        await RescanAsync();

        Assert.False(_host["a"].IsActive);
        Assert.Contains("CS0103", _host["a"].InactiveReason, StringComparison.Ordinal);
        Assert.Equal(PluginOutcome.Handled, await _host["b"].ProcessAsync(TestEvents.Make(1), CancellationToken.None));
    }

    [Fact]
    public async Task Rescan_DirectoryVanished_IsLoggedOncePluginsKeepRunningAndItRecovers()
    {
        _dir.Copy(Scenario, "counter_v1.csx", "counter.csx");
        await StartAsync();
        var plugin = _host["counter"];

        Directory.Delete(_dir.Plugins, recursive: true);
        await RescanAsync();
        await RescanAsync();

        Assert.Single(_host.Logs.Entries, e => e.Level == NLog.LogLevel.Error && e.Message.Contains("cannot be read", StringComparison.Ordinal));
        Assert.True(plugin.IsActive);
        Assert.Equal(PluginOutcome.Handled, await plugin.ProcessAsync(TestEvents.Make(1), CancellationToken.None));

        Directory.CreateDirectory(_dir.Plugins);
        _dir.Copy(Scenario, "counter_v2.csx", "replacement.csx");
        await RescanAsync();

        Assert.True(_host.Logs.Contains("is readable again"));
        Assert.Equal(["replacement"], _host.Collection.Plugins.Select(p => p.Name));
        Assert.False(plugin.IsActive);
    }

    [Fact]
    public async Task Load_DirectoryMissingAtStart_IsLoggedAndPickedUpLater()
    {
        Directory.Delete(_dir.Plugins);
        await StartAsync();
        Assert.Empty(_host.Collection.Plugins);
        Assert.True(_host.Logs.Contains("cannot be read"));

        Directory.CreateDirectory(_dir.Plugins);
        _dir.Copy(Scenario, "counter_v1.csx", "late.csx");
        await RescanAsync();

        Assert.True(_host["late"].IsActive);
    }

    [Fact]
    public async Task ReloadAll_UnchangedPlugins_AreAllReloaded()
    {
        _dir.Copy(Scenario, "counter_v1.csx", "a.csx");
        _dir.Copy("PluginDiagnostics", "broken.csx");
        await StartAsync();

        await _host.Collection.ReloadAllAsync(CancellationToken.None);

        Assert.Equal(2, _host["a"].Generation);
        Assert.Equal(2, _host["broken"].Generation);
        Assert.True(_host["a"].IsActive);
    }

    private async Task StartAsync()
    {
        await _host.LoadAsync();
        _host.Collection.StartWatching();
    }

    // One tick of the rescan timer, then wait until that scan has finished.
    private async Task RescanAsync()
    {
        var scans = _host.Collection.ScanCount;
        _time.Advance(Interval);
        await Eventually.TrueAsync(() => _host.Collection.ScanCount > scans, "a rescan");
    }
}
