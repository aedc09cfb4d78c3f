using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ShotgunEvents.Daemon.Alerts;

/// <summary>
/// Sends one mail through MailKit: a fresh connection per mail (alert mails are rare by design), STARTTLS or SMTPS
/// as configured, a login only when a username is set.
/// </summary>
internal sealed class SmtpMailSender
{
    private readonly EmailAlertOptions _options;

    /// <summary>Creates the sender.</summary>
    public SmtpMailSender(EmailAlertOptions options) => _options = options;

    /// <summary>
    /// <c>useSSL</c>: TLS from the first byte. <c>useTLS</c>: STARTTLS, and the server must offer it. Neither: plain
    /// text, as upstream; not opportunistic TLS, which would start failing on a relay with a self-signed certificate.
    /// </summary>
    public static SecureSocketOptions SocketOptionsFor(EmailAlertOptions options) =>
        options.UseSsl ? SecureSocketOptions.SslOnConnect
        : options.UseStartTls ? SecureSocketOptions.StartTls
        : SecureSocketOptions.None;

    /// <summary>Sends <paramref name="message"/>; throws what MailKit throws.</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        client.Timeout = (int)Math.Clamp(_options.Timeout.TotalMilliseconds, 1000, int.MaxValue);
        if (_options.CertificateValidation is { } validation)
        {
            client.ServerCertificateValidationCallback = validation;
        }

        await client.ConnectAsync(_options.Server, _options.Port, SocketOptionsFor(_options), cancellationToken)
            .ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            await client.AuthenticateAsync(_options.Username, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}
