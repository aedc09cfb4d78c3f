using ShotgunEvents.Daemon.Plugins.Compilation;
using ShotgunEvents.Daemon.Plugins.Loading;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>A compile-and-activate attempt: the state to swap in, and the files it was built from.</summary>
internal sealed record PluginLoadResult(PluginLoadState State, IReadOnlyList<FileStamp> Fingerprint);
