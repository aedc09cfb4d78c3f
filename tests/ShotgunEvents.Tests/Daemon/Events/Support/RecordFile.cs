namespace ShotgunEvents.Tests.Daemon.Events.Support;

/// <summary>Reads what a recording plugin fixture wrote: one event id per line, in the order it was handled.</summary>
internal static class RecordFile
{
    public static IReadOnlyList<long> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream))
        {
            text = reader.ReadToEnd();
        }

        // Only whole lines: a line is complete once its newline is written (a SIGKILL cannot leave half of one
        // with its newline).
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : [.. text[..end].Split('\n').Select(long.Parse)];
    }

    /// <summary>Ids that appear more than once.</summary>
    public static IReadOnlyList<long> Duplicates(IEnumerable<long> ids) =>
        [.. ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).Order()];
}
