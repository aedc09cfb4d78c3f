namespace ShotgunEvents.Api;

/// <summary>
/// Who receives a plugin's error mails: the daemon's defaults, nobody, or a list of addresses.
/// Set from a plugin with <see cref="Registrar.SetEmails(bool)"/> or <see cref="Registrar.SetEmails(string[])"/>.
/// </summary>
public sealed class EmailRecipients
{
    private EmailRecipients(EmailRecipientsKind kind, IReadOnlyList<string> addresses)
    {
        Kind = kind;
        Addresses = addresses;
    }

    /// <summary>The daemon's default recipients.</summary>
    public static EmailRecipients Default { get; } = new(EmailRecipientsKind.Default, []);

    /// <summary>No mail.</summary>
    public static EmailRecipients None { get; } = new(EmailRecipientsKind.None, []);

    /// <summary>Which of the three cases this is.</summary>
    public EmailRecipientsKind Kind { get; }

    /// <summary>The addresses for <see cref="EmailRecipientsKind.Custom"/>; empty otherwise.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>A list of addresses.</summary>
    /// <param name="addresses">One or more addresses; blank ones are an error.</param>
    /// <returns>The recipients.</returns>
    /// <exception cref="ArgumentException">No address, or a blank or malformed one; the message says which.</exception>
    public static EmailRecipients To(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var list = addresses.Select(a => a?.Trim() ?? string.Empty).ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("SetEmails needs at least one address; use SetEmails(false) for no mail or SetEmails(true) for the defaults.", nameof(addresses));
        }

        foreach (var address in list)
        {
            if (address.Length == 0 || !address.Contains('@', StringComparison.Ordinal) || address.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"SetEmails: '{address}' is not an email address.", nameof(addresses));
            }
        }

        return new EmailRecipients(EmailRecipientsKind.Custom, list);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        EmailRecipientsKind.Default => "default recipients",
        EmailRecipientsKind.None => "no mail",
        _ => string.Join(", ", Addresses),
    };
}
