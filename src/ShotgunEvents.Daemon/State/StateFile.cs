using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace ShotgunEvents.Daemon.State;

/// <summary>
/// The daemon's state file (<c>[daemon] eventIdFile</c>): loaded once at start, saved atomically (temp file, fsync,
/// rename, mode 0600) at each checkpoint and on shutdown. A missing file means a first start; an empty, truncated,
/// corrupt or foreign file is an error, never a silent jump to the newest event (upstream #38).
/// </summary>
internal sealed class StateFile
{
    private const string ResetHint =
        "Fix or remove the file, or start once with --reset-state to begin again from [daemon] start_from (events since the last checkpoint are then not delivered).";

    /// <summary>Creates the store for <paramref name="path"/>.</summary>
    public StateFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The absolute path of the file.</summary>
    public string Path { get; }

    /// <summary>Reads the file.</summary>
    /// <returns>The state, or null when the file does not exist (a first start).</returns>
    /// <exception cref="StateFileException">The file cannot be read, or is empty, truncated, corrupt, of another version, or upstream's pickle.</exception>
    public DaemonState? Load()
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(Path))
            {
                return null;
            }

            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateFileException(Path, $"The state file {Path} cannot be read: {e.Message}", e);
        }

        if (bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            throw Corrupt("is empty (a write was interrupted, or the file was truncated)");
        }

        if (LooksLikeUpstream(bytes))
        {
            throw new StateFileException(Path,
                $"The state file {Path} is an upstream shotgunEvents state file (a Python pickle or a plain event id), not ShotgunEvents JSON. " +
                $"Convert it with: shotgun-events migrate-state {Path}");
        }

        try
        {
            return StateJsonReader.Read(Encoding.UTF8.GetString(bytes));
        }
        catch (JsonReaderException e)
        {
            throw Corrupt($"is not valid JSON (truncated or damaged): {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw Corrupt($"is not a valid state file: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="state"/> atomically: the old file stays whole until the new one is complete on disk.</summary>
    /// <param name="state">The state to write.</param>
    /// <param name="replaced">Called once the new file has its name, before the directory flush (see <see cref="AtomicFile.Write"/>).</param>
    /// <exception cref="IOException">The file could not be written; the previous one is intact.</exception>
    public void Save(DaemonState state, Action? replaced = null) =>
        AtomicFile.Write(Path, stream => StateJsonWriter.Write(state, stream), replaced);

    private StateFileException Corrupt(string reason, Exception? inner = null) =>
        new(Path, $"The state file {Path} {reason}. {ResetHint}", inner);

    // Pickle protocol 2+ starts with PROTO (0x80); protocols 0-1 start a dict with '(' or '}'; the oldest format is one integer.
    private static bool LooksLikeUpstream(byte[] bytes)
    {
        if (bytes[0] is 0x80 or (byte)'(' or (byte)'}')
        {
            return true;
        }

        var firstLine = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 32)).Split('\n')[0].Trim();
        return long.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
