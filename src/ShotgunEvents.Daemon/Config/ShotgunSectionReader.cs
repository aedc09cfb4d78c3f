namespace ShotgunEvents.Daemon.Config;

/// <summary>Reads <c>[shotgun]</c>.</summary>
internal static class ShotgunSectionReader
{
    /// <summary>The value of <c>server</c> that starts the in-process demo site.</summary>
    public const string Embedded = "embedded";

    /// <summary>Reads the section, falling back to the defaults of <see cref="ShotgunSection"/>.</summary>
    public static ShotgunSection Read(ConfigContext context)
    {
        var r = context.Section("shotgun", "key");
        var d = new ShotgunSection();

        var (url, embedded) = ReadServer(r);
        var name = embedded
            ? r.Text("name")
            : r.RequiredText("name", "missing: the engine's script name is required for a site (or set server = embedded)");
        var key = embedded
            ? r.Text("key")
            : r.RequiredText("key", "missing: the engine's script key is required for a site (or set server = embedded)");

        var protocol = r.Text("protocol") ?? d.Protocol;
        if (!protocol.Equals("api3", StringComparison.OrdinalIgnoreCase))
        {
            r.Error("protocol", $"'{protocol}' is not supported (only api3 for now)");
        }

        var section = new ShotgunSection
        {
            Url = url,
            ScriptName = name,
            ScriptKey = key,
            ProxyServer = r.Text("proxy_server"),
            UseSessionUuid = r.Bool("use_session_uuid", d.UseSessionUuid),
            Protocol = "api3",
            Timeout = r.Seconds("timeout", d.Timeout),
            MaxRetries = r.Int("max_retries", d.MaxRetries, min: 0, max: 100),
        };

        r.ReportUnknownKeys();
        return section;
    }

    // A server that is missing or bad is not "embedded": name and key are still checked, so one run shows every error.
    private static (Uri? Url, bool Embedded) ReadServer(SectionReader r)
    {
        var server = r.RequiredText("server", "missing: set the site URL (https://yoursite.shotgrid.autodesk.com) or 'embedded' for the local demo site");
        if (server is null)
        {
            return (null, false);
        }

        if (server.Equals(Embedded, StringComparison.OrdinalIgnoreCase))
        {
            return (null, true);
        }

        if (Uri.TryCreate(server, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return (uri, false);
        }

        r.Error("server", $"'{server}' is not an http(s) URL or 'embedded'");
        return (null, false);
    }
}
