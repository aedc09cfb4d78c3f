using System.Text;

namespace ShotgunEvents.Daemon.Config;

/// <summary><c>[emails]</c>: error mails. <see cref="ToString"/> never shows the password.</summary>
internal sealed record EmailsSection
{
    /// <summary><c>enabled</c>: send error mails (default false). When false the other keys are not read, as upstream.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>server</c>: the SMTP host (required when enabled).</summary>
    public string? Server { get; init; }

    /// <summary><c>port</c>: the SMTP port (default 25, or 465 with <see cref="UseSsl"/>).</summary>
    public int Port { get; init; } = 25;

    /// <summary><c>useTLS</c>: STARTTLS after connecting (default false).</summary>
    public bool UseTls { get; init; }

    /// <summary><c>useSSL</c>: SMTPS, TLS from the first byte (default false; new, upstream had no such mode).</summary>
    public bool UseSsl { get; init; }

    /// <summary><c>username</c>: the SMTP login, or null for none.</summary>
    public string? Username { get; init; }

    /// <summary><c>password</c>: the SMTP password. A secret: never log it.</summary>
    public string? Password { get; init; }

    /// <summary><c>from</c>: the sender address (required when enabled).</summary>
    public string? From { get; init; }

    /// <summary><c>to</c>: the default recipients, a comma list (required when enabled).</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary><c>subject</c>: the subject prefix (default <c>[ShotgunEvents]</c>).</summary>
    public string Subject { get; init; } = "[ShotgunEvents]";

    /// <summary><c>digest_interval</c>: errors after the first are gathered into one mail per this interval (default 300 s).</summary>
    public TimeSpan DigestInterval { get; init; } = TimeSpan.FromSeconds(300);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Enabled = ").Append(Enabled)
            .Append(", Server = ").Append(Server)
            .Append(", Port = ").Append(Port)
            .Append(", UseTls = ").Append(UseTls)
            .Append(", UseSsl = ").Append(UseSsl)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(Password is null ? "(none)" : "***")
            .Append(", From = ").Append(From)
            .Append(", To = [").AppendJoin(", ", To).Append(']')
            .Append(", Subject = ").Append(Subject)
            .Append(", DigestInterval = ").Append(DigestInterval);
        return true;
    }
}
