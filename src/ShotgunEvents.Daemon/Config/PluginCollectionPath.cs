namespace ShotgunEvents.Daemon.Config;

/// <summary>One entry of <c>[plugins] paths</c>: a plugin collection (a directory of <c>.csx</c> plugins).</summary>
/// <param name="Configured">
/// The entry exactly as written in the config (trimmed). It is the collection's key in the state file, as upstream
/// keyed its pickle, so state carries over when only the config file moves.
/// </param>
/// <param name="FullPath">The absolute directory (a relative entry is resolved against the config file's directory).</param>
internal sealed record PluginCollectionPath(string Configured, string FullPath);
