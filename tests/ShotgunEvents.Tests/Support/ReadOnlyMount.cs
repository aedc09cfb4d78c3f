using System.Diagnostics;

namespace ShotgunEvents.Tests.Support;

/// <summary>
/// A small tmpfs mounted on a folder of the test's, switched between read-write and read-only: a real read-only (or
/// full) file system, which root ignores in plain file permissions. Needs the right to mount (root in a container, as
/// here and in CI); <see cref="Missing"/> says why not elsewhere, and <see cref="MountFactAttribute"/> skips on it.
/// </summary>
internal sealed class ReadOnlyMount : IDisposable
{
    private static readonly Lazy<string?> Probe = new(ProbeMount);

    private ReadOnlyMount(string path) => Path = path;

    /// <summary>Why mounts cannot be made here, or null when they can.</summary>
    public static string? Missing => Probe.Value;

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    /// <summary>Mounts a writable tmpfs of <paramref name="megabytes"/> on a new folder.</summary>
    public static ReadOnlyMount Create(int megabytes = 16)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sge-mount-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new ReadOnlyMount(path);
    }

    /// <summary>Makes the file system read-only (files already open for writing fail at their next write).</summary>
    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    /// <summary>Makes it writable again.</summary>
    public void MakeWritable() => Run("mount", "-o", "remount,rw", Path);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static string? ProbeMount()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs mounts need Linux";
        }

        try
        {
            using var mount = Create(1);
            mount.MakeReadOnly();
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return $"cannot mount a tmpfs here ({ex.Message}): needs root or CAP_SYS_ADMIN";
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)}: {error.Trim()}");
        }
    }
}
