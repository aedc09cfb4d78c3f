using System.Security.Cryptography;
using System.Text;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// ShotGrid's webhook signature: header <c>X-SG-SIGNATURE: sha1=&lt;hex HMAC-SHA1 of the raw body, keyed with the
/// webhook's secret&gt;</c>. Compared in constant time so the answer's timing tells nothing about the secret.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "X-SG-SIGNATURE";

    private const string Prefix = "sha1=";

    /// <summary>The header value a site would send for <paramref name="body"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static bool IsValid(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(Prefix.Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
