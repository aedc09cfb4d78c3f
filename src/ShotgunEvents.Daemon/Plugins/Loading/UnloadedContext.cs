using NLog;

namespace ShotgunEvents.Daemon.Plugins.Loading;

/// <summary>An unloaded plugin context that <see cref="UnloadTracker"/> watches until it is collected.</summary>
internal sealed class UnloadedContext(string pluginName, string contextName, WeakReference context, Logger logger, int collectionsAtUnload)
{
    public string PluginName { get; } = pluginName;

    public string ContextName { get; } = contextName;

    public WeakReference Context { get; } = context;

    public Logger Logger { get; } = logger;

    /// <summary><see cref="GC.CollectionCount"/> of generation 2 when the context was unloaded.</summary>
    public int CollectionsAtUnload { get; } = collectionsAtUnload;

    public bool Warned { get; set; }
}
