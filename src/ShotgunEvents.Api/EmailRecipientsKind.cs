namespace ShotgunEvents.Api;

/// <summary>Who receives a plugin's error mails; see <see cref="Registrar.SetEmails(bool)"/>.</summary>
public enum EmailRecipientsKind
{
    /// <summary>The daemon's default recipients (<c>[emails] to</c>); what a plugin gets unless it calls <c>SetEmails</c>.</summary>
    Default,

    /// <summary>No mail for this plugin's errors (<c>SetEmails(false)</c>).</summary>
    None,

    /// <summary>The addresses in <see cref="EmailRecipients.Addresses"/> instead of the defaults.</summary>
    Custom,
}
