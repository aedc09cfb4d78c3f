using System.Net.Security;
using System.Text;

namespace ShotgunEvents.Daemon.Alerts;

/// <summary>
/// What <c>[emails]</c> in daemon.ini says, plus the rate limits of the alert mails. The config reader fills it.
/// <see cref="ToString"/> never prints the password.
/// </summary>
internal sealed record EmailAlertOptions
{
    /// <summary>False: no mail at all, for the engine or any plugin (<c>[emails] enabled</c>).</summary>
    public bool Enabled { get; init; }

    /// <summary>The SMTP host.</summary>
    public string Server { get; init; } = "";

    /// <summary>The SMTP port; 25 by default, 587 is usual with STARTTLS and 465 with SMTPS.</summary>
    public int Port { get; init; } = 25;

    /// <summary>STARTTLS after connecting (<c>useTLS</c>); required, not opportunistic. Unlike upstream, also without a username.</summary>
    public bool UseStartTls { get; init; }

    /// <summary>TLS from the first byte, SMTPS (<c>useSSL</c>, usually port 465).</summary>
    public bool UseSsl { get; init; }

    /// <summary>The login; none when null or empty.</summary>
    public string? Username { get; init; }

    /// <summary>The password; never logged, never in a mail, never in <see cref="ToString"/>.</summary>
    public string? Password { get; init; }

    /// <summary>The sender address.</summary>
    public string From { get; init; } = "";

    /// <summary>The default recipients: the engine's, and a plugin's unless its <c>SetEmails</c> chose others.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>The subject prefix, as upstream: <c>&lt;subject&gt; ERROR - SG event daemon.</c></summary>
    public string Subject { get; init; } = "[SG]";

    /// <summary>After a mail to some recipients, further errors for them are collected this long into one digest.</summary>
    public TimeSpan DigestInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Hard cap on alert mails in any hour, over all recipients; past it, errors wait for the next free slot.</summary>
    public int MaxMailsPerHour { get; init; } = 10;

    /// <summary>Messages quoted in full in one digest; the rest are only counted.</summary>
    public int MaxMessagesPerDigest { get; init; } = 20;

    /// <summary>Characters kept of one message (with its stack trace).</summary>
    public int MaxMessageChars { get; init; } = 4000;

    /// <summary>Alerts waiting to be sent, at most; more are counted as dropped and the digest says so.</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Connect, TLS, login and send, each at most this long (upstream: 5 s connect).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The name put in subjects and bodies; the machine name when null.</summary>
    public string? HostName { get; init; }

    /// <summary>
    /// Replaces the system's certificate check (tests trust their self-signed certificate with it). Null: the
    /// server's certificate must be valid for <see cref="Server"/>.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>The problems that make these options unusable, each naming the key; empty when all is well.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enabled)
        {
            return problems;
        }

        if (string.IsNullOrWhiteSpace(Server))
        {
            problems.Add("[emails] server: missing; it names the SMTP host.");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"[emails] port: {Port} is not a TCP port (1-65535).");
        }

        if (UseSsl && UseStartTls)
        {
            problems.Add("[emails] useTLS and useSSL are both on; use useSSL for SMTPS (port 465) or useTLS for STARTTLS, not both.");
        }

        if (!IsEmailAddress(From))
        {
            problems.Add($"[emails] from: '{From}' is not an email address.");
        }

        if (To.Count == 0)
        {
            problems.Add("[emails] to: no recipient.");
        }

        foreach (var address in To)
        {
            if (!IsEmailAddress(address))
            {
                problems.Add($"[emails] to: '{address}' is not an email address.");
            }
        }

        if (DigestInterval <= TimeSpan.Zero)
        {
            problems.Add("The digest interval must be positive.");
        }

        if (MaxMailsPerHour < 1)
        {
            problems.Add("The hourly mail cap must be at least 1.");
        }

        return problems;
    }

    /// <summary>True for one address with a local part and a domain (<c>a@b</c>, or <c>Name &lt;a@b&gt;</c>).</summary>
    public static bool IsEmailAddress(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && MimeKit.MailboxAddress.TryParse(text.Trim(), out var mailbox)
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < mailbox.Address.Length - 1;

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder("EmailAlertOptions { ");
        builder.Append("Enabled = ").Append(Enabled)
            .Append(", Server = ").Append(Server).Append(':').Append(Port)
            .Append(", UseStartTls = ").Append(UseStartTls)
            .Append(", UseSsl = ").Append(UseSsl)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(string.IsNullOrEmpty(Password) ? "(none)" : "(set)")
            .Append(", From = ").Append(From)
            .Append(", To = ").Append(string.Join(", ", To))
            .Append(", Subject = ").Append(Subject)
            .Append(", DigestInterval = ").Append(DigestInterval)
            .Append(", MaxMailsPerHour = ").Append(MaxMailsPerHour)
            .Append(" }");
        return builder.ToString();
    }
}
