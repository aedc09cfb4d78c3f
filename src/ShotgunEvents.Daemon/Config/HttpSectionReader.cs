using System.Globalization;
using System.Net;

namespace ShotgunEvents.Daemon.Config;

/// <summary>Reads <c>[http]</c>.</summary>
internal static class HttpSectionReader
{
    public static HttpSection Read(ConfigContext context)
    {
        var r = context.Section("http", "webhook_secret");
        var d = new HttpSection();
        var text = r.Text("listen");
        var webhook = r.Bool("webhook", d.Webhook);
        var secret = r.Text("webhook_secret");
        IPEndPoint? listen = null;
        if (text is not null)
        {
            listen = Parse(text, out var reason);
            if (reason is not null)
            {
                r.Error("listen", $"'{text}' {reason}");
            }
        }

        // Anyone who can reach a public address could ring the doorbell; on loopback only local processes can.
        if (listen is not null && webhook && secret is null && !IPAddress.IsLoopback(listen.Address))
        {
            r.Error("webhook_secret", $"missing: required when listen = {text} is not a loopback address and webhook is on " +
                                      "(set webhook_secret, bind 127.0.0.1, or set webhook = false)");
        }

        r.ReportUnknownKeys();
        return new HttpSection { Listen = listen, Webhook = webhook, WebhookSecret = secret };
    }

    private static IPEndPoint? Parse(string text, out string? reason)
    {
        reason = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            reason = "is not host:port (for example 127.0.0.1:9810)";
            return null;
        }

        var host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            reason = "has no valid port (0 to 65535)";
            return null;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            reason = "needs an IP address to bind (127.0.0.1, 0.0.0.0, ::1...), not a host name";
            return null;
        }

        return new IPEndPoint(address, port);
    }
}
