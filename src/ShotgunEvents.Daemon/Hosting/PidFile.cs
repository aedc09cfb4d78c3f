using System.Diagnostics;
using System.Globalization;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// <c>[daemon] pidFile</c>: written at start, removed at exit. Unlike upstream, a file left by a killed daemon does not
/// block the next start: only a live process with that pid does.
/// </summary>
internal sealed class PidFile : IDisposable
{
    private readonly string _path;

    private PidFile(string path) => _path = path;

    /// <summary>Writes the file, or returns null when none is configured.</summary>
    /// <exception cref="UserErrorException">Another daemon with the pid in the file is running.</exception>
    public static PidFile? Acquire(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (File.Exists(path)
            && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && pid != Environment.ProcessId && IsAlive(pid))
        {
            throw new UserErrorException($"{path}: a daemon with pid {pid} is already running; stop it first.", ExitCodes.Failure);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new PidFile(path);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Best effort: a leftover file no longer blocks a start.
        }
    }

    /// <summary>True when a process with this id is running (the pid file's and the status file's liveness check).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
