using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>
/// <see cref="PluginCollection.StartLoading"/>: <c>run</c> loads the plugins on the thread pool while it builds the
/// host, and the engine's <see cref="PluginCollection.LoadAsync"/> then waits for that load.
/// </summary>
public sealed class PluginPreloadTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempPluginDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartLoading_ThenLoadAsync_EveryPluginLoadedInFileOrderAndTheBrokenOneReported()
    {
        _dir.Copy("PluginRegistration", "lower_sync.csx");
        var broken = _dir.Copy("PluginDiagnostics", "broken.csx");
        _dir.Copy("PluginRegistration", "upper_async.csx");
        await using var host = new PluginTestHost(_dir);

        var load = host.Collection.StartLoading();
        await load.WaitAsync(Deadline);
        await host.LoadAsync().WaitAsync(Deadline);

        Assert.Equal(["broken", "lower_sync", "upper_async"], host.Collection.Plugins.Select(p => p.Name));
        Assert.True(host["lower_sync"].IsActive, host["lower_sync"].InactiveReason);
        Assert.True(host["upper_async"].IsActive, host["upper_async"].InactiveReason);
        Assert.False(host["broken"].IsActive);
        Assert.Contains($"{broken}(8,13): error CS0103: The name 'undefinedThing' does not exist in the current context",
            host.Logs.Messages("plugin.broken"));
        // Loaded once: the rescan after the preload found nothing changed, so nothing was loaded or logged twice.
        Assert.Equal(3, host.Logs.Count("Loading plugin at"));
        Assert.Equal(0, host.Logs.Count("Reloading plugin at"));
        Assert.Equal(3, host.Compiler.RoslynCompilations);
    }

    [Fact]
    public async Task LoadAsync_FileAddedAfterThePreload_IsLoadedToo()
    {
        _dir.Copy("PluginRegistration", "lower_sync.csx");
        await using var host = new PluginTestHost(_dir);
        await host.Collection.StartLoading().WaitAsync(Deadline);
        Assert.Equal(["lower_sync"], host.Collection.Plugins.Select(p => p.Name));

        // A file that appears between the preload and the engine's load (the host build) is not missed.
        _dir.Copy("PluginRegistration", "upper_async.csx");
        await host.LoadAsync().WaitAsync(Deadline);

        Assert.Equal(["lower_sync", "upper_async"], host.Collection.Plugins.Select(p => p.Name));
        Assert.All(host.Collection.Plugins, p => Assert.True(p.IsActive, p.InactiveReason));
    }
}
