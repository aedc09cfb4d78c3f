namespace ShotgunEvents.Daemon.Config;

/// <summary><c>[daemon] plugin_concurrency</c>: how plugins share the event stream.</summary>
internal enum PluginConcurrency
{
    /// <summary><c>per_plugin</c> (default): each plugin has its own worker, so a slow plugin holds up no other.</summary>
    PerPlugin,

    /// <summary><c>serial</c>: one event at a time through every plugin in upstream order (collection, file name).</summary>
    Serial,
}
