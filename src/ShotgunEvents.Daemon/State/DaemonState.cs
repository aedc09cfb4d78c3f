namespace ShotgunEvents.Daemon.State;

/// <summary>
/// Every plugin's state, keyed by collection (the path as written in <c>[plugins] paths</c>) and plugin name (the
/// file stem), as upstream keyed its pickle. Entries of deleted plugins are kept, so a plugin that comes back
/// resumes where it stopped. Its dictionaries are guarded by its own lock (the engine resolves plugins on the scan
/// threads while the state writer folds the lanes' positions in); the states themselves are immutable.
/// </summary>
internal sealed class DaemonState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, PluginState>> _collections = new(StringComparer.Ordinal);

    // Collections first met in Resolve (moved or added in the config): every plugin of theirs is looked up by name
    // elsewhere, not only the first one (after which the key exists).
    private readonly HashSet<string> _adopted = new(StringComparer.Ordinal);

    /// <summary>
    /// From upstream's old plain-integer state file: every plugin without a state of its own starts after this id
    /// (that format named no collections or plugins). Null otherwise.
    /// </summary>
    public long? DefaultLastEventId { get; set; }

    /// <summary>The collection keys, sorted.</summary>
    public IReadOnlyList<string> CollectionPaths
    {
        get
        {
            lock (_lock)
            {
                return _collections.Keys.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>True when no plugin has any state and there is no <see cref="DefaultLastEventId"/>.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return DefaultLastEventId is null && _collections.Values.All(c => c.Count == 0);
            }
        }
    }

    /// <summary>The plugins of <paramref name="collection"/> and their states, sorted by name (empty when unknown).</summary>
    public IReadOnlyList<KeyValuePair<string, PluginState>> Plugins(string collection)
    {
        lock (_lock)
        {
            return _collections.TryGetValue(collection, out var plugins)
                ? plugins.OrderBy(p => p.Key, StringComparer.Ordinal).ToList()
                : [];
        }
    }

    /// <summary>The saved state of <paramref name="plugin"/> in <paramref name="collection"/>, or null.</summary>
    public PluginState? Find(string collection, string plugin)
    {
        lock (_lock)
        {
            return _collections.TryGetValue(collection, out var plugins) && plugins.TryGetValue(plugin, out var state) ? state : null;
        }
    }

    /// <summary>Stores (or replaces) the state of <paramref name="plugin"/> in <paramref name="collection"/>.</summary>
    public void Set(string collection, string plugin, PluginState state)
    {
        lock (_lock)
        {
            if (!_collections.TryGetValue(collection, out var plugins))
            {
                _collections[collection] = plugins = new Dictionary<string, PluginState>(StringComparer.Ordinal);
            }

            plugins[plugin] = state;
        }
    }

    /// <summary>
    /// Returns the state <paramref name="plugin"/> of <paramref name="collection"/> runs with, creating and storing it
    /// when missing, in this order (fixing upstream §5.3, where a collection whose plugins were all renamed processed
    /// nothing, ever):
    /// <list type="number">
    /// <item>its own entry (<see cref="StateOrigin.Resumed"/>);</item>
    /// <item>when the collection key is unknown (the path moved in the config): the entry with the same plugin name
    /// and the highest last id under any other collection, copied (<see cref="StateOrigin.MovedCollection"/>);</item>
    /// <item>a new plugin starts at its collection's position, the HIGHEST last id of its siblings: it sees events
    /// from now on, and a sibling stuck on an old event (deactivated by stopOnError) does not make it replay history
    /// (<see cref="StateOrigin.CollectionPosition"/>);</item>
    /// <item>in a collection with no state, at the highest last id of any collection (<see cref="StateOrigin.DaemonPosition"/>);</item>
    /// <item>after <see cref="DefaultLastEventId"/> (<see cref="StateOrigin.LegacyStartId"/>);</item>
    /// <item>else with no last id (<see cref="StateOrigin.Fresh"/>): the engine applies <c>start_from</c>.</item>
    /// </list>
    /// A new plugin does not inherit a sibling's backlog: it starts "now". Resolve every plugin file found on disk,
    /// including those that fail to compile, so each keeps its place.
    /// </summary>
    public PluginStateResolution Resolve(string collection, string plugin)
    {
        lock (_lock)
        {
            if (!_collections.TryGetValue(collection, out var siblings))
            {
                _adopted.Add(collection);
            }
            else if (siblings.TryGetValue(plugin, out var own))
            {
                return new PluginStateResolution(own, StateOrigin.Resumed);
            }

            var resolution = ResolveNew(collection, plugin, siblings);
            Set(collection, plugin, resolution.State);
            return resolution;
        }
    }

    /// <summary>Records <paramref name="collection"/> as known even while it holds no plugin.</summary>
    public void AddCollection(string collection)
    {
        lock (_lock)
        {
            if (!_collections.ContainsKey(collection))
            {
                _collections[collection] = new Dictionary<string, PluginState>(StringComparer.Ordinal);
            }
        }
    }

    private PluginStateResolution ResolveNew(string collection, string plugin, Dictionary<string, PluginState>? siblings)
    {
        if (_adopted.Contains(collection))
        {
            var moved = _collections
                .Where(c => c.Key != collection && c.Value.ContainsKey(plugin))
                .Select(c => (Collection: c.Key, State: c.Value[plugin]))
                .OrderByDescending(c => c.State.LastEventId ?? long.MinValue)
                .ThenBy(c => c.Collection, StringComparer.Ordinal)
                .FirstOrDefault();
            if (moved.State is not null)
            {
                return new PluginStateResolution(moved.State, StateOrigin.MovedCollection, moved.Collection);
            }
        }

        if (HighestLastId(siblings is null ? [] : siblings.Values) is { } collectionPosition)
        {
            return new PluginStateResolution(new PluginState(collectionPosition), StateOrigin.CollectionPosition);
        }

        if (HighestLastId(_collections.Values.SelectMany(c => c.Values)) is { } daemonPosition)
        {
            return new PluginStateResolution(new PluginState(daemonPosition), StateOrigin.DaemonPosition);
        }

        return DefaultLastEventId is { } legacy
            ? new PluginStateResolution(new PluginState(legacy), StateOrigin.LegacyStartId)
            : new PluginStateResolution(new PluginState(), StateOrigin.Fresh);
    }

    private static long? HighestLastId(IEnumerable<PluginState> states)
    {
        long? highest = null;
        foreach (var state in states)
        {
            if (state.LastEventId > (highest ?? long.MinValue))
            {
                highest = state.LastEventId;
            }
        }

        return highest;
    }
}
