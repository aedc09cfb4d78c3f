using System.Security.Cryptography;
using System.Text;

namespace ShotgunEvents.Emulator.Webhooks;

/// <summary>The <c>X-SG-SIGNATURE</c> header: <c>sha1=</c> and the lowercase hex HMAC-SHA1 of the raw body, keyed with the secret token.</summary>
public static class WebhookSignature
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "X-SG-SIGNATURE";

    /// <summary>Signs a body.</summary>
    /// <param name="secret">The webhook's secret token.</param>
    /// <param name="body">The exact bytes sent.</param>
    /// <returns><c>sha1=&lt;40 hex digits&gt;</c>.</returns>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Checks a received header against the body in constant time.</summary>
    /// <param name="secret">The secret token.</param>
    /// <param name="body">The raw body received.</param>
    /// <param name="header">The header's value; null or malformed fails.</param>
    /// <returns>True when the signature matches.</returns>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        var actual = Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
