namespace ShotgunEvents.Client.Transport;

/// <summary>
/// Replaces known secrets (script key, password, session token, proxy password) with <c>***</c> in any text the
/// client turns into an error message, in case a server or proxy echoes one back.
/// </summary>
internal sealed class SecretScrubber
{
    private readonly string[] _secrets;

    public SecretScrubber(IEnumerable<string?> secrets) =>
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();

    /// <summary>The same scrubber with more secrets.</summary>
    /// <param name="more">The extra secrets.</param>
    /// <returns>A new scrubber.</returns>
    public SecretScrubber With(IEnumerable<string?> more) => new(_secrets.Concat(more));

    /// <summary>The text with every secret replaced.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The safe text.</returns>
    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
