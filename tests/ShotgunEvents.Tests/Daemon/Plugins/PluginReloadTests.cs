using System.Collections.Concurrent;
using ShotgunEvents.Daemon.Plugins;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>Reload through the file-system watcher (real time; the periodic rescan is pushed out of the way).</summary>
public sealed class PluginReloadTests : IDisposable
{
    private const string Scenario = "PluginReload";
    private readonly TempPluginDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Watcher_PluginEdited_ReloadsWithTheNewCode()
    {
        _dir.Copy(Scenario, "counter_v1.csx", "counter.csx");
        await using var host = WatcherHost();
        var reloaded = new ConcurrentQueue<string>();
        host.Collection.PluginReloaded += p => reloaded.Enqueue(p.Name);
        await host.LoadAsync();
        host.Collection.StartWatching();
        var plugin = host["counter"];
        await plugin.ProcessAsync(TestEvents.Make(1), CancellationToken.None);

        _dir.Overwrite(Scenario, "counter_v2.csx", "counter.csx");
        // Active, not just reloaded: the overwrite truncates, then writes, and on a loaded machine the write can come
        // more than the debounce after the truncation; the empty file is then one (failed) reload and the content the next.
        // The reload notice is raised once the swap is done, a moment after the new generation is visible: wait for both.
        await Eventually.TrueAsync(() => plugin.Generation >= 2 && plugin.IsActive && !reloaded.IsEmpty, "counter reloaded with the new code");
        await plugin.ProcessAsync(TestEvents.Make(2), CancellationToken.None);

        Assert.Equal(["v1 1", "v2 2"], host.Logs.Messages("plugin.counter.OnEvent"));
        Assert.NotEmpty(reloaded);
        Assert.All(reloaded, name => Assert.Equal("counter", name));
        Assert.Same(plugin, host["counter"]);
    }

    [Fact]
    public async Task Watcher_LoadedFileEdited_ReloadsThePlugin()
    {
        _dir.Copy("PluginLoadAndReference", "main.csx");
        _dir.Copy("PluginLoadAndReference", "lib/helpers.csx");
        var nested = _dir.Copy("PluginLoadAndReference", "lib/nested.csx");
        GreeterLibrary.Build(Path.Combine(_dir.Plugins, "lib", "Greeter.dll"), "hello");
        await using var host = WatcherHost();
        await host.LoadAsync();
        host.Collection.StartWatching();

        File.WriteAllText(nested, "string Nested() => \"nested v2\";\n");
        // Active, not just reloaded: see Watcher_PluginEdited_ReloadsWithTheNewCode (a truncated file can be one reload).
        await Eventually.TrueAsync(() => host["main"].Generation >= 2 && host["main"].IsActive, "main reloaded after its #load'ed file changed");
        await host["main"].ProcessAsync(TestEvents.Make(4), CancellationToken.None);

        Assert.Equal(["helper v1 4 | hello bunny_010_0010 | nested v2"], host.Logs.Messages("plugin.main.OnEvent"));
    }

    [Fact]
    public async Task Watcher_NewFile_IsAddedAndAnnounced()
    {
        _dir.Copy(Scenario, "counter_v1.csx", "a_first.csx");
        await using var host = WatcherHost();
        var added = new ConcurrentQueue<Plugin>();
        host.Collection.PluginAdded += added.Enqueue;
        await host.LoadAsync();
        host.Collection.StartWatching();

        _dir.Copy(Scenario, "counter_v2.csx", "b_second.csx");
        await Eventually.TrueAsync(() => !added.IsEmpty, "b_second added");

        var plugin = Assert.Single(added);
        Assert.Equal("b_second", plugin.Name);
        Assert.True(plugin.IsActive);
        Assert.Equal(["a_first", "b_second"], host.Collection.Plugins.Select(p => p.Name));
    }

    [Fact]
    public async Task Watcher_FileDeleted_IsRemovedAndTakesNoMoreEvents()
    {
        var path = _dir.Copy(Scenario, "counter_v1.csx", "counter.csx");
        await using var host = WatcherHost();
        var removed = new ConcurrentQueue<Plugin>();
        host.Collection.PluginRemoved += removed.Enqueue;
        await host.LoadAsync();
        host.Collection.StartWatching();
        var plugin = host["counter"];

        File.Delete(path);
        await Eventually.TrueAsync(() => !removed.IsEmpty, "counter removed");

        Assert.Same(plugin, Assert.Single(removed));
        Assert.Empty(host.Collection.Plugins);
        Assert.False(plugin.IsActive);
        Assert.Equal(PluginOutcome.Inactive, await plugin.ProcessAsync(TestEvents.Make(1), CancellationToken.None));
    }

    [Fact]
    public async Task Watcher_FileRenamed_OldNameRemovedNewNameAdded()
    {
        var path = _dir.Copy(Scenario, "counter_v1.csx", "before.csx");
        await using var host = WatcherHost();
        var events = new ConcurrentQueue<string>();
        host.Collection.PluginRemoved += p => events.Enqueue("removed " + p.Name);
        host.Collection.PluginAdded += p => events.Enqueue("added " + p.Name);
        await host.LoadAsync();
        host.Collection.StartWatching();

        File.Move(path, Path.Combine(_dir.Plugins, "after.csx"));
        await Eventually.TrueAsync(() => events.Count == 2, "rename seen");

        Assert.Equal(["removed before", "added after"], events);
        Assert.Equal(["after"], host.Collection.Plugins.Select(p => p.Name));
        Assert.True(host["after"].IsActive);
    }

    [Fact]
    public async Task Watcher_SaveInSeveralWrites_CompilesOnce()
    {
        var path = _dir.Copy(Scenario, "counter_v1.csx", "counter.csx");
        await using var host = WatcherHost(debounce: TimeSpan.FromSeconds(2));
        await host.LoadAsync();
        host.Collection.StartWatching();
        var watcher = host.Collection.Watcher!;
        var compilesBefore = host.Compiler.RoslynCompilations;
        var text = File.ReadAllText(TempPluginDirectory.Fixture(Scenario, "counter_v2.csx"));

        // A slow save: each chunk is written only once the watcher has seen the previous one, so without the debounce
        // a scan would find (and compile) the half-written file in between.
        var first = true;
        foreach (var chunk in text.Chunk(text.Length / 3 + 1))
        {
            var seen = watcher.EventCount;
            if (first)
            {
                File.WriteAllText(path, new string(chunk));
                first = false;
            }
            else
            {
                File.AppendAllText(path, new string(chunk));
            }

            await Eventually.TrueAsync(() => watcher.EventCount > seen, "the watcher saw the write");
        }

        await Eventually.TrueAsync(() => host["counter"].Generation == 2, "counter reloaded");
        // A later change to another file: once it is loaded, every event of the save above has been handled.
        _dir.Copy(Scenario, "counter_v1.csx", "sentinel.csx");
        await Eventually.TrueAsync(() => host.Find("sentinel") is not null, "sentinel added");

        Assert.Equal(2, host["counter"].Generation);
        Assert.True(host["counter"].IsActive, host["counter"].InactiveReason);
        Assert.Equal(compilesBefore + 2, host.Compiler.RoslynCompilations);
    }

    [Fact]
    public async Task Watcher_Started_IgnoresDotFilesOtherFilesAndSubdirectories()
    {
        _dir.Copy(Scenario, "counter_v1.csx", "b.csx");
        _dir.Copy(Scenario, "counter_v1.csx", "B.csx");
        _dir.Copy(Scenario, "counter_v1.csx", ".hidden.csx");
        _dir.Copy(Scenario, "counter_v1.csx", "sub/nested.csx");
        _dir.Write("notes.txt", "not a plugin");
        _dir.Write("old.csx.bak", "not a plugin");
        await using var host = WatcherHost();

        await host.LoadAsync();

        // Ordinal order: upper case first, as upstream sorted file names.
        Assert.Equal(["B", "b"], host.Collection.Plugins.Select(p => p.Name));
    }

    private PluginTestHost WatcherHost(TimeSpan? debounce = null) =>
        new(_dir, o =>
        {
            o.RescanInterval = TimeSpan.FromHours(1);
            o.Debounce = debounce ?? TimeSpan.FromMilliseconds(100);
        });
}
