using System.Net;
using System.Text;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// <c>[http]</c>: the daemon's own listener (health, metrics, status page, webhook doorbell). Off when the section or
/// its <c>listen</c> key is absent. <see cref="ToString"/> never shows the webhook secret.
/// </summary>
internal sealed record HttpSection
{
    /// <summary><c>listen</c>: <c>host:port</c> to bind; null when the listener is off. Port 0 picks a free port.</summary>
    public IPEndPoint? Listen { get; init; }

    /// <summary>True when the listener is on.</summary>
    public bool Enabled => Listen is not null;

    /// <summary><c>webhook</c>: serve <c>POST /webhook</c> (default true).</summary>
    public bool Webhook { get; init; } = true;

    /// <summary><c>webhook_secret</c>: the shared secret of the site's webhook; a secret, never logged or shown.</summary>
    public string? WebhookSecret { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Listen = ").Append(Listen?.ToString() ?? "(off)")
            .Append(", Webhook = ").Append(Webhook)
            .Append(", WebhookSecret = ").Append(WebhookSecret is null ? "(none)" : "***");
        return true;
    }
}
