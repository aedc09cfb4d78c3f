using NLog;

namespace ShotgunEvents.Daemon.Plugins.Loading;

/// <summary>
/// Watches old plugin generations go: each unloaded context is held weakly, and one still alive after several full
/// garbage collections is named in a warning: something outside the plugin (typically a serializer cache fed one of
/// the plugin's own types) pins its code, and every reload of that plugin then leaks a copy.
/// </summary>
internal sealed class UnloadTracker
{
    /// <summary>Full collections an unloaded context may survive before it counts as pinned.</summary>
    public const int CollectionsBeforeWarning = 3;

    private const int MaxTracked = 1000;

    private readonly Lock _gate = new();
    private readonly List<UnloadedContext> _entries = [];
    private int _trackedCount;

    /// <summary>How many contexts have been handed over so far.</summary>
    public int TrackedCount => Volatile.Read(ref _trackedCount);

    /// <summary>Contexts unloaded but not yet collected.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count(e => e.Context.IsAlive);
            }
        }
    }

    /// <summary>Starts watching an unloaded context.</summary>
    public void Track(string pluginName, string contextName, WeakReference context, Logger logger)
    {
        Interlocked.Increment(ref _trackedCount);
        lock (_gate)
        {
            if (_entries.Count >= MaxTracked)
            {
                _entries.RemoveAt(0);
            }

            _entries.Add(new UnloadedContext(pluginName, contextName, context, logger, GC.CollectionCount(2)));
        }
    }

    /// <summary>Forgets collected contexts and warns once about each one pinned in memory.</summary>
    /// <returns>The names of the contexts warned about in this sweep.</returns>
    public IReadOnlyList<string> Sweep()
    {
        var warn = new List<UnloadedContext>();
        lock (_gate)
        {
            var collections = GC.CollectionCount(2);
            _entries.RemoveAll(e => !e.Context.IsAlive);
            foreach (var entry in _entries)
            {
                if (!entry.Warned && collections - entry.CollectionsAtUnload >= CollectionsBeforeWarning)
                {
                    entry.Warned = true;
                    warn.Add(entry);
                }
            }
        }

        foreach (var entry in warn)
        {
            entry.Logger.Warn(
                "Plugin {0}: its previous version ({1}) is still in memory after {2} full garbage collections, so each reload of " +
                "this plugin leaks a copy of its code. Something outside the plugin holds on to one of its types; usually a " +
                "serializer given an object of a type the plugin defines (an anonymous type too), e.g. JsonConvert.SerializeObject(new {{ ... }}). " +
                "Serialize only Dictionary, JObject or other framework types.",
                entry.PluginName, entry.ContextName, CollectionsBeforeWarning);
        }

        return [.. warn.Select(e => e.ContextName)];
    }
}
