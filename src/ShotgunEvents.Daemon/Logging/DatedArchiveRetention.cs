using System.Text.RegularExpressions;
using NLog.Common;
using NLog.Targets;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// Deletes the oldest rotated copies of a log file when it is (re)opened, which happens right after each rotation.
/// Only files named <c>&lt;stem&gt;.YYYY-MM-DD&lt;ext&gt;</c> for that very file count, never a neighbour's.
/// </summary>
internal sealed class DatedArchiveRetention : FileLifecycleHooks
{
    /// <summary>How many rotated copies to keep; 0 or less keeps all.</summary>
    public Func<int> KeepFiles { get; set; } = () => 10;

    /// <inheritdoc />
    public override Stream OnFileOpened(string filePath, Stream underlyingStream)
    {
        Prune(filePath, KeepFiles());
        return underlyingStream;
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> rotated copies of <paramref name="filePath"/>.</summary>
    internal static void Prune(string filePath, int keep)
    {
        if (keep <= 0)
        {
            return;
        }

        try
        {
            var directory = Path.GetDirectoryName(filePath);
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                return;
            }

            var name = Path.GetFileName(filePath);
            var extension = Path.GetExtension(name);
            var stem = name[..^extension.Length];
            var rotated = new Regex("^" + Regex.Escape(stem) + @"\.\d{4}-\d{2}-\d{2}" + Regex.Escape(extension) + "$",
                RegexOptions.CultureInvariant);
            var copies = Directory.EnumerateFiles(directory)
                .Select(Path.GetFileName)
                .Where(f => f is not null && rotated.IsMatch(f))
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var old in copies.Take(copies.Count - keep))
            {
                File.Delete(Path.Combine(directory, old!));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            InternalLogger.Warn(ex, "Could not delete old rotated copies of {0}", filePath);
        }
    }
}
