namespace ShotgunEvents.Daemon.Config;

/// <summary>Reads <c>[emails]</c>.</summary>
internal static class EmailsSectionReader
{
    private static readonly string[] OtherKeys =
        ["server", "port", "useTLS", "useSSL", "username", "password", "from", "to", "subject", "digest_interval"];

    /// <summary>
    /// Reads the section. When mail is off, the other keys are not read at all, as upstream, so their
    /// <c>%(VARIABLE)s</c> references need not be set.
    /// </summary>
    public static EmailsSection Read(ConfigContext context)
    {
        var r = context.Section("emails", "password");
        var d = new EmailsSection();
        if (!r.Bool("enabled", d.Enabled))
        {
            Array.ForEach(OtherKeys, r.Skip);
            r.ReportUnknownKeys();
            return d;
        }

        const string Needed = "missing: required when enabled = true";
        var useTls = r.Bool("useTLS", d.UseTls);
        var useSsl = r.Bool("useSSL", d.UseSsl);
        if (useTls && useSsl)
        {
            r.Error("useSSL", "useTLS (STARTTLS) and useSSL (SMTPS) cannot both be on; pick the one your server speaks");
        }

        var username = r.Text("username");
        var password = r.Text("password");
        if (username is not null && password is null)
        {
            r.Warn("password", "missing while username is set; the SMTP login will be tried without one");
        }

        var section = new EmailsSection
        {
            Enabled = true,
            Server = r.RequiredText("server", Needed),
            Port = r.Int("port", useSsl ? 465 : d.Port, min: 1, max: 65535),
            UseTls = useTls,
            UseSsl = useSsl,
            Username = username,
            Password = password,
            From = r.RequiredText("from", Needed),
            To = r.RequiredList("to", Needed + " (a comma list of addresses)"),
            Subject = r.Text("subject") ?? d.Subject,
            DigestInterval = r.Seconds("digest_interval", d.DigestInterval),
        };

        r.ReportUnknownKeys();
        return section;
    }
}
