using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Plugins;

public sealed class PluginUnloadTests : IDisposable
{
    private readonly TempPluginDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Reload_100Times_EveryOldContextIsCollected()
    {
        _dir.Write("churn.csx", Version(0));
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();
        var plugin = host["churn"];

        for (var version = 1; version <= 100; version++)
        {
            _dir.Write("churn.csx", Version(version));
            await host.Collection.RescanAsync(CancellationToken.None);
            Assert.Equal(PluginOutcome.Handled, await plugin.ProcessAsync(TestEvents.Make(version), CancellationToken.None));
        }

        Assert.Equal(101, plugin.Generation);
        Assert.Equal("v100 100", host.Logs.Messages("plugin.churn.OnEvent").Last());
        Assert.Equal(100, host.Collection.UnloadTracker.TrackedCount);
        await Eventually.TrueAsync(() => CollectedAll(host.Collection), "all 100 old contexts collected");
        Assert.Equal(1, LiveContexts("plugin:churn#"));
        Assert.False(host.Logs.Contains("still in memory"));
    }

    [Fact]
    public async Task Reload_PluginPinsItsOldCode_IsNamedInAWarning()
    {
        _dir.Copy("PluginPinning", "pinner.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();
        await host["pinner"].ProcessAsync(TestEvents.Make(1), CancellationToken.None);

        await host.Collection.ReloadAllAsync(CancellationToken.None);
        await Eventually.TrueAsync(() =>
        {
            ForceFullCollections();
            host.Collection.UnloadTracker.Sweep();
            return host.Logs.Contains("still in memory");
        }, "the pinned generation to be reported");

        var warning = host.Logs.Entries.Single(e => e.Message.Contains("still in memory", StringComparison.Ordinal));
        Assert.Equal("plugin.pinner", warning.Logger);
        Assert.StartsWith("Plugin pinner: its previous version (plugin:pinner#", warning.Message, StringComparison.Ordinal);
        Assert.Contains("JsonConvert.SerializeObject", warning.Message, StringComparison.Ordinal);
    }

    private static string Version(int version) => $$"""
        void registerCallbacks(Registrar reg) => reg.RegisterCallback(OnEvent, args: new Dictionary<string, int> { ["version"] = {{version}} });
        void OnEvent(IShotgun sg, Logger log, ShotgunEvent e, object? args) => log.Info($"v{{version}} {e.Id}");
        """;

    private static bool CollectedAll(PluginCollection collection)
    {
        ForceFullCollections();
        return collection.UnloadTracker.PendingCount == 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int LiveContexts(string prefix) =>
        AssemblyLoadContext.All.Count(c => c.Name?.StartsWith(prefix, StringComparison.Ordinal) == true);

    private static void ForceFullCollections()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
