namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// What a file looked like when it was read: existence, mtime, size and content hash. Any difference means the
/// plugin must be reloaded: a change of mtime either way, or of content behind an unchanged mtime.
/// </summary>
/// <param name="Path">The full path.</param>
/// <param name="Exists">False for a file a plugin refers to that is not there (yet).</param>
/// <param name="LastWriteTicksUtc">The mtime, in UTC ticks.</param>
/// <param name="Length">The size in bytes.</param>
/// <param name="Sha256">The hex SHA-256 of the content; null when the file does not exist.</param>
internal sealed record FileStamp(string Path, bool Exists, long LastWriteTicksUtc, long Length, string? Sha256)
{
    /// <summary>A file that is not there.</summary>
    public static FileStamp Missing(string path) => new(path, false, 0, 0, null);

    /// <summary>The current stamp of a file; unreadable counts as missing (and so as a change).</summary>
    public static FileStamp Of(string path) => FileSnapshot.Read(path).Stamp;
}
