using MailKit.Security;
using ShotgunEvents.Daemon.Alerts;

namespace ShotgunEvents.Tests.Daemon.Alerts;

public sealed class EmailAlertOptionsTests
{
    [Fact]
    public void ToString_NeverShowsThePassword()
    {
        var options = AlertHarness.DefaultOptions(25) with { Username = "mailer", Password = "hunter2-but-longer" };

        var text = options.ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("Password = (set)", text, StringComparison.Ordinal);
        Assert.Contains("Username = mailer", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, SecureSocketOptions.None)]
    [InlineData(true, false, SecureSocketOptions.StartTls)]
    [InlineData(false, true, SecureSocketOptions.SslOnConnect)]
    public void SocketOptionsFor_UseTlsAndUseSsl_MapToStartTlsAndSmtps(bool useStartTls, bool useSsl, SecureSocketOptions expected)
    {
        var options = AlertHarness.DefaultOptions(25) with { UseStartTls = useStartTls, UseSsl = useSsl };

        Assert.Equal(expected, SmtpMailSender.SocketOptionsFor(options));
    }

    [Fact]
    public void Validate_Disabled_HasNothingToSay()
    {
        Assert.Empty(new EmailAlertOptions { Enabled = false, Server = "", From = "" }.Validate());
    }

    [Theory]
    [InlineData("ops@studio.test", true)]
    [InlineData("Pipeline Ops <ops@studio.test>", true)]
    [InlineData("ops", false)]
    [InlineData("ops@", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsEmailAddress_NeedsALocalPartAndADomain(string? text, bool expected)
    {
        Assert.Equal(expected, EmailAlertOptions.IsEmailAddress(text));
    }
}
