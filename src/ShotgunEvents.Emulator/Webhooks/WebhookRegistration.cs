namespace ShotgunEvents.Emulator.Webhooks;

/// <summary>
/// A webhook the emulated site delivers every event-log entry to, as a ShotGrid site does: one signed POST per event,
/// or up to 50 events a POST in the batched format.
/// </summary>
public sealed class WebhookRegistration
{
    /// <summary>Creates a registration.</summary>
    /// <param name="url">The consumer URL (http or https).</param>
    /// <param name="secret">The secret token that signs each body (<c>X-SG-SIGNATURE</c>); null sends unsigned deliveries.</param>
    /// <param name="batched">True for the "Deliver in Batched Format" option.</param>
    public WebhookRegistration(Uri url, string? secret = null, bool batched = false)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"A webhook URL must be an absolute http or https URL, got '{url}'.", nameof(url));
        }

        Url = url;
        Secret = string.IsNullOrEmpty(secret) ? null : secret;
        Batched = batched;
    }

    /// <summary>The consumer URL.</summary>
    public Uri Url { get; }

    /// <summary>The secret token, or null for unsigned deliveries.</summary>
    public string? Secret { get; }

    /// <summary>True to deliver in the batched format (<c>{"data": {"deliveries": [...]}}</c>).</summary>
    public bool Batched { get; }

    /// <summary>The webhook's id, sent as <c>X-SG-WEBHOOK-ID</c>.</summary>
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>Reads the command-line form <c>URL[,secret]</c>; the secret is everything after the first comma.</summary>
    /// <param name="value">The text.</param>
    /// <param name="batched">True for the batched format.</param>
    /// <returns>The registration.</returns>
    /// <exception cref="FormatException">The URL is not an absolute http(s) URL.</exception>
    public static WebhookRegistration Parse(string value, bool batched = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var url = comma < 0 ? value : value[..comma];
        var secret = comma < 0 ? null : value[(comma + 1)..];
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"'{url}' is not an absolute http or https URL; the form is URL[,secret].");
        }

        return new WebhookRegistration(uri, secret, batched);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Url}{(Secret is null ? " (unsigned)" : " (signed)")}{(Batched ? " (batched)" : string.Empty)}";
}
