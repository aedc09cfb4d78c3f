using System.Text;
using MimeKit;

namespace ShotgunEvents.Tests.Daemon.Alerts;

/// <summary>One mail the test server accepted.</summary>
internal sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Data, string? AuthUser,
    string? AuthPassword, bool OverTls)
{
    private MimeMessage? _message;

    public MimeMessage Message => _message ??= MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data)));

    public string Subject => Message.Subject ?? "";

    public string Body => Message.TextBody ?? "";
}
