using System.Globalization;
using ShotgunEvents.Daemon.Cli;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// One daemon per state file: <c>run</c> holds an exclusive lock on <c>&lt;state file&gt;.lock</c> for its whole life.
/// Two daemons on one state file would deliver every event twice on a real site. The lock is the operating system's
/// (<c>flock</c> on Linux and macOS, a share-mode lock on Windows), so it goes with the process however it ends: a
/// killed daemon never blocks the next start. The file itself only says who holds it. <c>status</c> and
/// <c>replay</c> do not take it.
/// </summary>
internal sealed class StateLock : IDisposable
{
    private readonly FileStream _file;
    private readonly string _owner;

    private StateLock(FileStream file, string path, string owner)
    {
        _file = file;
        _owner = owner;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The lock file of a state file.</summary>
    public static string PathFor(string stateFile) => System.IO.Path.GetFullPath(stateFile) + ".lock";

    /// <summary>The file naming the lock's holder.</summary>
    public static string OwnerPathFor(string stateFile) => PathFor(stateFile) + ".owner";

    /// <summary>Takes the lock of <paramref name="stateFile"/>, or says who has it.</summary>
    /// <exception cref="UserErrorException">Another daemon holds it (exit code 2), or the lock file cannot be made (1).</exception>
    public static StateLock Acquire(string stateFile)
    {
        var path = PathFor(stateFile);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        FileStream file;
        try
        {
            file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                Options = FileOptions.None,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new UserErrorException(
                $"state file {System.IO.Path.GetFullPath(stateFile)} is in use by {Owner(OwnerPathFor(stateFile))}; one daemon per state file " +
                "(stop it first, or give this one its own [daemon] eventIdFile).", ExitCodes.Usage);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"Cannot create the lock file {path} beside the state file: {ex.Message}", ExitCodes.Failure);
        }

        try
        {
            File.WriteAllText(OwnerPathFor(stateFile), string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {Environment.MachineName}\n"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Who holds it is a courtesy for the next daemon's message; the lock itself is taken.
        }

        return new StateLock(file, path, OwnerPathFor(stateFile));
    }

    /// <summary>Releases the lock (the process's end releases it too).</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_owner);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale owner file names a process that no longer holds the lock; the next holder overwrites it.
        }

        _file.Dispose();
    }

    /// <summary>"process PID on HOST", from the owner file.</summary>
    private static string Owner(string ownerPath)
    {
        try
        {
            var parts = File.ReadAllText(ownerPath).Trim().Split(' ', 2);
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return $"process {pid} on {parts[1]}";
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unknown holder: said plainly below.
        }

        return "another process (it has not said which)";
    }
}
