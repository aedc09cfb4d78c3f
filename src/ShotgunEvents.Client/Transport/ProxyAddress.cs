using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace ShotgunEvents.Client.Transport;

/// <summary>A parsed proxy setting: the address, and credentials when the setting carried <c>user:password@</c>.</summary>
internal sealed class ProxyAddress
{
    private const int DefaultPort = 8080;

    private ProxyAddress(Uri address, NetworkCredential? credentials)
    {
        Address = address;
        Credentials = credentials;
    }

    /// <summary>The proxy address, without credentials.</summary>
    public Uri Address { get; }

    /// <summary>The proxy credentials, or null.</summary>
    public NetworkCredential? Credentials { get; }

    /// <summary>The proxy password, so errors can scrub it; null when there is none.</summary>
    public string? Password => Credentials?.Password is { Length: > 0 } password ? password : null;

    /// <summary>Parses <c>http://host:port</c>, <c>host:port</c> or <c>host</c> (port 8080), with optional <c>user:password@</c>.</summary>
    /// <param name="text">The setting.</param>
    /// <param name="proxy">The parsed proxy.</param>
    /// <param name="problem">What is wrong, when it cannot be parsed (never containing the password).</param>
    /// <returns>True when parsed.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out ProxyAddress? proxy, [NotNullWhen(false)] out string? problem)
    {
        proxy = null;
        problem = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            problem = "is empty; give http://host:port or host:port, or leave it unset.";
            return false;
        }

        var withScheme = trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "http://" + trimmed;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            problem = $"must look like http://host:port or host:port; got '{Describe(text)}'.";
            return false;
        }

        if (uri.Scheme is not ("http" or "https" or "socks4" or "socks4a" or "socks5"))
        {
            problem = $"must use http, https or socks5; got '{uri.Scheme}'.";
            return false;
        }

        var port = HasExplicitPort(withScheme) ? uri.Port : DefaultPort;
        NetworkCredential? credentials = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
        }

        proxy = new ProxyAddress(new UriBuilder(uri.Scheme, uri.Host, port).Uri, credentials);
        return true;
    }

    /// <summary>The setting with any password replaced by <c>***</c>, for messages.</summary>
    /// <param name="text">The setting.</param>
    /// <returns>The safe text.</returns>
    public static string Describe(string text)
    {
        var at = text.LastIndexOf('@');
        if (at < 0)
        {
            return text;
        }

        var start = text.IndexOf("://", StringComparison.Ordinal) is var s and >= 0 ? s + 3 : 0;
        var userInfo = text[start..at];
        var colon = userInfo.IndexOf(':');
        return colon < 0 ? text : text[..(start + colon + 1)] + "***" + text[at..];
    }

    /// <inheritdoc />
    public override string ToString() => Credentials is null ? Address.ToString() : $"{Credentials.UserName}:***@{Address.Authority}";

    private static bool HasExplicitPort(string withScheme)
    {
        var authority = withScheme[(withScheme.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        if (end >= 0)
        {
            authority = authority[..end];
        }

        authority = authority[(authority.LastIndexOf('@') + 1)..];
        var bracket = authority.LastIndexOf(']');
        return authority.IndexOf(':', bracket + 1) >= 0;
    }
}
