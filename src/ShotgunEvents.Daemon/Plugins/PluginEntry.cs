using ShotgunEvents.Daemon.Plugins.Compilation;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>A plugin of a collection and the files (with their stamps) its current load was built from.</summary>
internal sealed class PluginEntry(Plugin plugin, IReadOnlyList<FileStamp> fingerprint)
{
    public Plugin Plugin { get; } = plugin;

    public IReadOnlyList<FileStamp> Fingerprint { get; set; } = fingerprint;

    /// <summary>True when any file differs from its stamp: mtime (either way), size, content, or existence.</summary>
    public bool HasChanged() => Fingerprint.Any(stamp => FileStamp.Of(stamp.Path) != stamp);
}
