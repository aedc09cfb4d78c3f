using System.ComponentModel;
using System.Runtime.InteropServices;

namespace ShotgunEvents.Daemon.State;

/// <summary>
/// Makes a rename in a directory durable: after <c>rename(2)</c> the new name lives only in the directory's page
/// cache until the directory itself is fsynced, so a power loss could bring back the old file (or, for a first write,
/// none). .NET cannot do this: on Unix <c>SafeFileHandle</c> refuses to open a directory (EACCES), so this calls libc.
/// Windows has no equivalent (NTFS journals the rename's metadata) and skips it.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY, the same on every Unix; a directory can be opened read-only and fsynced.
    private const int EInval = 22;

    /// <summary>fsyncs <paramref name="directory"/>.</summary>
    /// <exception cref="IOException">The directory could not be opened or synced; the message carries the OS error.</exception>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw Failure("open", directory);
        }

        try
        {
            // EINVAL: a file system that cannot sync directories (some network and FUSE mounts); nothing more to do there.
            if (Fsync(fd) != 0 && Marshal.GetLastPInvokeError() != EInval)
            {
                throw Failure("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string directory) =>
        new($"{call} of the directory {directory} failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
