using Newtonsoft.Json;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// The process-wide list of strings that must never be written anywhere: script keys, SMTP and proxy passwords.
/// The daemon registers them at start; every log target and every alert mail goes through <see cref="Mask"/>,
/// so a plugin that logs its own key, or an exception that quotes a request, still leaks nothing.
/// </summary>
internal static class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Replacement = "********";

    /// <summary>
    /// Shorter strings are not registered: masking every "abc" would shred the logs, and a secret that short
    /// protects nothing anyway.
    /// </summary>
    public const int MinimumLength = 4;

    private static readonly Lock Gate = new();

    // Longest first, so a secret that contains another is replaced whole. Replaced as a unit (copy on write),
    // so readers never lock.
    private static string[] _secrets = [];

    /// <summary>True once any secret is registered; lets the hot path skip all work before that.</summary>
    public static bool HasSecrets => Volatile.Read(ref _secrets).Length > 0;

    /// <summary>
    /// Registers a secret, together with its URL-encoded and JSON-escaped forms (the forms it takes inside a
    /// logged URL or request body). Null, blank and too-short values are ignored.
    /// </summary>
    /// <returns>True when the secret is now masked.</returns>
    public static bool Register(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < MinimumLength)
        {
            return false;
        }

        var forms = new[] { secret, Uri.EscapeDataString(secret), JsonConvert.ToString(secret)[1..^1] };
        lock (Gate)
        {
            var all = new HashSet<string>(_secrets, StringComparer.Ordinal);
            all.UnionWith(forms);
            Volatile.Write(ref _secrets, [.. all.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)]);
        }

        return true;
    }

    /// <summary>True when <paramref name="text"/> contains a registered secret.</summary>
    public static bool ContainsSecret(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var secret in Volatile.Read(ref _secrets))
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces every registered secret in <paramref name="text"/>; returns the same instance when there is none.</summary>
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text;
        foreach (var secret in Volatile.Read(ref _secrets))
        {
            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, Replacement, StringComparison.Ordinal);
            }
        }

        return result;
    }
}
