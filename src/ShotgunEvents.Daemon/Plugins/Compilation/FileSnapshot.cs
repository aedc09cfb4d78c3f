using System.Security.Cryptography;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>A file's bytes together with its stamp, so what is compiled and what is fingerprinted are the same bytes.</summary>
internal sealed class FileSnapshot
{
    private FileSnapshot(FileStamp stamp, byte[] bytes)
    {
        Stamp = stamp;
        Bytes = bytes;
    }

    /// <summary>The stamp.</summary>
    public FileStamp Stamp { get; }

    /// <summary>The content; empty when the file does not exist.</summary>
    public byte[] Bytes { get; }

    /// <summary>Reads a file; a missing or unreadable file gives a missing stamp.</summary>
    /// <param name="path">The full path.</param>
    /// <returns>The snapshot.</returns>
    public static FileSnapshot Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return new FileSnapshot(FileStamp.Missing(path), []);
            }

            // Stat before reading: if the file changes in between, the next check sees a newer mtime and reloads.
            var ticks = info.LastWriteTimeUtc.Ticks;
            var length = info.Length;
            var bytes = File.ReadAllBytes(path);
            return new FileSnapshot(new FileStamp(path, true, ticks, length, Convert.ToHexString(SHA256.HashData(bytes))), bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FileSnapshot(FileStamp.Missing(path), []);
        }
    }
}
