namespace ShotgunEvents.Daemon.State;

/// <summary>
/// Replaces a file so that a reader (or a restart after a crash at any instant) sees either the old content or the
/// new, never a mix or an empty file (upstream rewrote its state in place and died on the truncated file, #38):
/// the content goes to a temporary file in the same directory (so the rename stays on one file system), is flushed
/// to disk, then renamed over the target, and the directory is flushed so the rename itself survives a power loss. Files are created owner-only (0600): state may reveal what a studio works on.
/// </summary>
internal static class AtomicFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="path"/> atomically; the directory is created when missing.</summary>
    /// <param name="path">The file to replace.</param>
    /// <param name="write">Writes the whole content. If it throws, the old file is untouched and the temporary file removed.</param>
    /// <param name="replaced">
    /// Called once the new file has its name, before the directory is flushed: from then on every other process (and a
    /// restart after the daemon is killed) reads the new content; only a power loss before the flush could still bring
    /// back the old, complete file. Lets a caller stop waiting at the point a kill can no longer undo.
    /// </param>
    public static void Write(string path, Action<Stream> write, Action? replaced = null)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Join(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temp, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The creation mode is filtered by the umask; set it exactly.
                File.SetUnixFileMode(temp, OwnerOnly);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        replaced?.Invoke();

        // After the rename, not before: until the directory is on disk, a power loss may bring back the old name.
        DirectorySync.Flush(directory);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original error matters more; a stray temp file is harmless and named as such.
        }
    }
}
