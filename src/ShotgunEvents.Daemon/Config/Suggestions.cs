namespace ShotgunEvents.Daemon.Config;

/// <summary>"Did you mean ...?" for misspelt keys and sections.</summary>
internal static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="word"/> (ignoring case and <c>_</c>), or null when none is close.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var target = Normalize(word);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(target, Normalize(candidate));
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // Two edits catch a typo or a swapped pair without proposing unrelated keys.
        return bestDistance <= Math.Min(2, target.Length / 3) ? best : null;
    }

    private static string Normalize(string s) => s.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
