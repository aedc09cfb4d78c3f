using System.Globalization;
using System.Text.RegularExpressions;
using ShotgunEvents.Daemon.Alerts;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Alerts;

public sealed partial class AlertDispatcherTests
{
    [Fact]
    public async Task Error_OnEngineLogger_MailsDefaultRecipientsWithUpstreamSubjectAndBody()
    {
        await using var server = TestSmtpServer.Start();
        await using var alerts = AlertHarness.Create(server);

        alerts.Logger(LoggerNames.Engine).Info("started, nothing to mail");
        alerts.Logger(LoggerNames.Engine).Warn("a warning, nothing to mail");
        alerts.Logger(LoggerNames.Engine).Error(new InvalidOperationException("state file is read-only"),
            "Could not write the state file {Path}", "/var/lib/sg/state.json");

        await alerts.MailsAsync(1);
        var mail = Assert.Single(server.Mails);
        Assert.Equal("daemon@studio.test", mail.From);
        Assert.Equal(["ops@studio.test", "td@studio.test"], mail.Recipients.Order());
        Assert.Equal("[SG] ERROR - SG event daemon. (render01)", mail.Subject);
        Assert.Contains("Logger: engine", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Level: ERROR", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Host: render01", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Could not write the state file /var/lib/sg/state.json", mail.Body, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: state file is read-only", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing to mail", mail.Body, StringComparison.Ordinal);
        Assert.Null(mail.AuthUser);
        Assert.False(mail.OverTls);
        Assert.Equal(1, alerts.Dispatcher.Routed);
    }

    [Fact]
    public async Task Fatal_IsMailedAsCritical()
    {
        await using var server = TestSmtpServer.Start();
        await using var alerts = AlertHarness.Create(server);

        alerts.Logger("plugin.versions.onStatus").Fatal("An error occured processing an event.");

        await alerts.MailsAsync(1);
        var mail = Assert.Single(server.Mails);
        Assert.Equal("[SG] CRITICAL - SG event daemon. (render01)", mail.Subject);
        Assert.Contains("Plugin: versions", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Level: CRITICAL", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Burst_ThousandErrors_FirstMailsAtOnceAndTheRestAsOneDigest()
    {
        await using var server = TestSmtpServer.Start();
        await using var alerts = AlertHarness.Create(server);
        var log = alerts.Logger("plugin.broken.onEvent");

        for (var i = 0; i < 1000; i++)
        {
            log.Error("Event {EventId} failed: site returned 503", 5000 + i);
        }

        await alerts.RoutedAsync(1000);
        await alerts.MailsAsync(1);
        Assert.Equal(1, server.MailCount);
        Assert.Equal(999, alerts.Dispatcher.Pending);

        await alerts.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5), expectedMails: 2);
        await Eventually.TrueAsync(() => alerts.Dispatcher.Pending == 0, "digest sent");

        // Nothing is left to send, so however long the clock runs no third mail can come.
        alerts.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, alerts.Dispatcher.Pending);
        Assert.Equal(2, server.MailCount);
        var first = server.Mails[0];
        Assert.Contains("Event 5000 failed", first.Body, StringComparison.Ordinal);
        var digest = server.Mails[1];
        Assert.Equal("[SG] ERROR - SG event daemon. (render01) 999 messages", digest.Subject);
        Assert.Contains("999 ERROR/CRITICAL messages were logged on render01", digest.Body, StringComparison.Ordinal);
        Assert.Contains("plugin.broken.onEvent: 999", digest.Body, StringComparison.Ordinal);
        Assert.Contains("The first 20 messages:", digest.Body, StringComparison.Ordinal);
        Assert.Contains("--- 20 of 999 ---", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("--- 21 of 999 ---", digest.Body, StringComparison.Ordinal);
        Assert.Contains("Event 5001 failed", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Event 5999 failed", digest.Body, StringComparison.Ordinal);
        Assert.True(digest.Body.Length < 20_000, $"the digest is cut to size, not {digest.Body.Length} characters");
    }

    [Fact]
    public async Task LongOutage_ErrorsEveryMinuteForThreeHours_MailsStayUnderTheHourlyCapAndCountEveryError()
    {
        await using var server = TestSmtpServer.Start();
        await using var alerts = AlertHarness.Create(server, o => o with { MaxMailsPerHour = 4 });
        var log = alerts.Logger(LoggerNames.Engine);
        var logged = 0;

        for (var minute = 0; minute < 180; minute++)
        {
            for (var i = 0; i < 5; i++)
            {
                log.Error("Connection to the site failed (attempt {Attempt})", ++logged);
            }

            await alerts.RoutedAsync(logged);
            alerts.Time.Advance(TimeSpan.FromMinutes(1));
        }

        // A digest every 5 minutes would be 36 mails; the cap allows 4 in any hour.
        await Eventually.TrueAsync(() => alerts.Dispatcher.MailsSent >= 12, "the third hour's mails");
        Assert.InRange(alerts.Dispatcher.MailsSent, 12, 13);
        var sentAt = server.Mails.Select(m => m.Message.Date).Order().ToList();
        foreach (var start in sentAt)
        {
            Assert.InRange(sentAt.Count(t => t >= start && t < start.AddHours(1)), 1, 4);
        }

        // Stopping mails what is left; every error logged is counted in some mail.
        await alerts.Dispatcher.StopAsync(CancellationToken.None);
        Assert.Equal(logged, server.Mails.Sum(MessagesIn));
    }

    [Fact]
    public async Task PluginRecipients_NullMeansDefaultsEmptyMeansNoneListMeansThose()
    {
        await using var server = TestSmtpServer.Start();
        var choices = new Dictionary<string, IReadOnlyList<string>?>
        {
            ["alpha"] = null,
            ["beta"] = [],
            ["gamma"] = ["lead@studio.test", " comp@studio.test ", "not an address"],
        };
        await using var alerts = AlertHarness.Create(server, recipients: name => choices.GetValueOrDefault(name));

        alerts.Logger("plugin.gamma.onVersion").Error("gamma failed");
        alerts.Logger("plugin.beta").Error("beta failed");
        alerts.Logger("plugin.alpha.onShot").Error("alpha failed");
        alerts.Logger(LoggerNames.Engine).Error("engine failed");
        await alerts.RoutedAsync(4);
        await alerts.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5), expectedMails: 3);
        await Eventually.TrueAsync(() => alerts.Dispatcher.Pending == 0, "all sent");

        var mails = server.Mails;
        Assert.Equal(3, mails.Count);
        var gamma = Assert.Single(mails, m => m.Body.Contains("gamma failed", StringComparison.Ordinal));
        Assert.Equal(["comp@studio.test", "lead@studio.test"], gamma.Recipients.Order());
        var toDefaults = mails.Where(m => m.Recipients.Order().SequenceEqual(["ops@studio.test", "td@studio.test"])).ToList();
        Assert.Equal(2, toDefaults.Count);
        Assert.Contains(toDefaults, m => m.Body.Contains("alpha failed", StringComparison.Ordinal));
        Assert.Contains(toDefaults, m => m.Body.Contains("engine failed", StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => m.Body.Contains("beta failed", StringComparison.Ordinal));
        Assert.Equal(1, alerts.Dispatcher.Suppressed);
        Assert.Contains(alerts.LocalLines(), l => l.Contains("'not an address' as a mail recipient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secrets_InMessageExceptionAndSmtpPassword_NeverReachAMail()
    {
        await using var server = TestSmtpServer.Start();
        var scriptKey = "key-" + Guid.NewGuid().ToString("N");
        var smtpPassword = "pw-" + Guid.NewGuid().ToString("N");
        SecretMasker.Register(scriptKey);
        await using var alerts = AlertHarness.Create(server, o => o with { Username = "mailer", Password = smtpPassword });
        var log = alerts.Logger("plugin.leaky.onEvent");

        log.Error("Login with key {Key} failed", scriptKey);
        log.Error(new InvalidOperationException($"POST /api3/json script_key={Uri.EscapeDataString(scriptKey)}"), "request failed");
        log.Fatal("smtp password is {Password}", smtpPassword);
        await alerts.RoutedAsync(3);
        await alerts.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5), expectedMails: 2);

        Assert.All(server.Mails, mail =>
        {
            Assert.DoesNotContain(scriptKey, mail.Data, StringComparison.Ordinal);
            Assert.DoesNotContain(smtpPassword, mail.Data, StringComparison.Ordinal);
        });
        var all = string.Join("\n", server.Mails.Select(m => m.Body));
        Assert.Contains("Login with key ******** failed", all, StringComparison.Ordinal);
        Assert.Contains("script_key=********", all, StringComparison.Ordinal);
        Assert.Contains("smtp password is ********", all, StringComparison.Ordinal);

        // The password did reach the one place it must: the SMTP login.
        Assert.All(server.Mails, mail => Assert.Equal(("mailer", smtpPassword), (mail.AuthUser, mail.AuthPassword)));
    }

    [Fact]
    public async Task SmtpDown_FailureIsLoggedLocallyNeverMailedAndTheAlertGoesOutAtTheNextDigest()
    {
        await using var server = TestSmtpServer.Start();
        server.RejectConnections = true;
        await using var alerts = AlertHarness.Create(server);

        alerts.Logger(LoggerNames.Engine).Error("the first error");
        await Eventually.TrueAsync(() => alerts.Dispatcher.SendFailures == 1, "the failed send");

        var local = alerts.LocalLines();
        var failure = Assert.Single(local, l => l.StartsWith(LoggerNames.Alerts + "|Error|", StringComparison.Ordinal));
        Assert.Contains("Could not send an alert mail to ops@studio.test, td@studio.test through 127.0.0.1:" + server.Port, failure, StringComparison.Ordinal);
        Assert.Contains("1 alert(s) kept for the next try", failure, StringComparison.Ordinal);

        // The failure report is an ERROR too, but it must not feed itself into the mail queue.
        Assert.Equal(1, alerts.Dispatcher.Routed);
        Assert.Equal(1, alerts.Dispatcher.Pending);

        server.RejectConnections = false;
        alerts.Logger(LoggerNames.Engine).Error("the second error");
        await alerts.RoutedAsync(2);
        await alerts.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5), expectedMails: 1);

        var mail = Assert.Single(server.Mails);
        Assert.Contains("the first error", mail.Body, StringComparison.Ordinal);
        Assert.Contains("the second error", mail.Body, StringComparison.Ordinal);
        Assert.Equal(2, MessagesIn(mail));
    }

    [Fact]
    public async Task Logging_WhileSmtpServerHangs_NeverBlocksTheCaller()
    {
        await using var server = TestSmtpServer.Start();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.HoldGreeting = hold;
        await using var alerts = AlertHarness.Create(server, o => o with { QueueCapacity = 100 });
        var log = alerts.Logger("plugin.busy.onEvent");

        log.Error("the error whose mail hangs");
        await Eventually.TrueAsync(() => server.Connections == 1, "the dispatcher connected to the hung server");

        // 2,000 more errors while the only SMTP connection hangs: the queue holds 100, the rest are counted, none waits.
        await Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                log.Error("error {Number}", i);
            }
        }).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(hold.Task.IsCompleted);
        Assert.Equal(0, server.MailCount);
        Assert.Equal(1900, alerts.Dispatcher.Dropped);

        hold.SetResult();
        await alerts.MailsAsync(1);
        await alerts.RoutedAsync(101);
        await alerts.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5), expectedMails: 2);
        var digest = server.Mails[1];
        Assert.Contains("1900 more messages were not queued for mail at all", digest.Body, StringComparison.Ordinal);
        Assert.Equal(0, alerts.Dispatcher.Dropped);
    }

    [Fact]
    public async Task Login_HappensOnlyWhenAUsernameIsSet()
    {
        await using var server = TestSmtpServer.Start();
        await using (var anonymous = AlertHarness.Create(server, o => o with { Password = "ignored-without-user" }))
        {
            anonymous.Logger(LoggerNames.Engine).Error("anonymous");
            await anonymous.MailsAsync(1);
        }

        await using (var withLogin = AlertHarness.Create(server, o => o with { Username = "mailer@studio.test", Password = "s3cret-pass" }))
        {
            withLogin.Logger(LoggerNames.Engine).Error("with login");
            await withLogin.MailsAsync(2);
        }

        Assert.Null(server.Mails[0].AuthUser);
        Assert.Equal(("mailer@studio.test", "s3cret-pass"), (server.Mails[1].AuthUser, server.Mails[1].AuthPassword));
    }

    [Fact]
    public async Task StartTls_UpgradesTheConnectionBeforeLoginAndSend()
    {
        await using var server = TestSmtpServer.Start(TestCertificates.Localhost);
        await using var alerts = AlertHarness.Create(server, o => o with
        {
            UseStartTls = true,
            Username = "mailer",
            Password = "tls-only-password",
            CertificateValidation = TestCertificates.TrustLocalhostOnly,
        });

        alerts.Logger(LoggerNames.Engine).Error("over STARTTLS");

        await alerts.MailsAsync(1);
        var mail = Assert.Single(server.Mails);
        Assert.True(mail.OverTls);
        Assert.Equal("mailer", mail.AuthUser);
        Assert.Contains("over STARTTLS", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTls_RequiredButNotOffered_FailsInsteadOfSendingInPlainText()
    {
        await using var server = TestSmtpServer.Start();
        await using var alerts = AlertHarness.Create(server, o => o with { UseStartTls = true });

        alerts.Logger(LoggerNames.Engine).Error("must not travel in plain text");

        await Eventually.TrueAsync(() => alerts.Dispatcher.SendFailures == 1, "the refused send");
        Assert.Equal(0, server.MailCount);
        Assert.Contains(alerts.LocalLines(), l => l.Contains("Could not send an alert mail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Smtps_SpeaksTlsFromTheFirstByte()
    {
        await using var server = TestSmtpServer.StartImplicitTls(TestCertificates.Localhost);
        await using var alerts = AlertHarness.Create(server, o => o with
        {
            UseSsl = true,
            CertificateValidation = TestCertificates.TrustLocalhostOnly,
        });

        alerts.Logger(LoggerNames.Engine).Error("over SMTPS");

        await alerts.MailsAsync(1);
        Assert.True(Assert.Single(server.Mails).OverTls);
    }

    [Fact]
    public async Task Smtps_UntrustedCertificate_IsRefused()
    {
        await using var server = TestSmtpServer.StartImplicitTls(TestCertificates.Localhost);
        await using var alerts = AlertHarness.Create(server, o => o with { UseSsl = true });

        alerts.Logger(LoggerNames.Engine).Error("to an impostor");

        await Eventually.TrueAsync(() => alerts.Dispatcher.SendFailures == 1, "the refused handshake");
        Assert.Equal(0, server.MailCount);
    }

    [Fact]
    public async Task Stop_MailsWhatIsStillWaitingAsOneDigest()
    {
        await using var server = TestSmtpServer.Start();
        var alerts = AlertHarness.Create(server);
        alerts.Logger(LoggerNames.Engine).Error("first");
        alerts.Logger(LoggerNames.Engine).Fatal("Crash!!!!! Unexpected error in main loop.");
        await alerts.RoutedAsync(2);
        await alerts.MailsAsync(1);

        await alerts.DisposeAsync();

        Assert.Equal(2, server.MailCount);
        Assert.Equal("[SG] CRITICAL - SG event daemon. (render01)", server.Mails[1].Subject);
        Assert.Contains("Crash!!!!!", server.Mails[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblemByKey()
    {
        var options = new EmailAlertOptions
        {
            Enabled = true,
            Server = "",
            Port = 70000,
            UseSsl = true,
            UseStartTls = true,
            From = "nobody",
            To = [],
        };

        var error = Assert.Throws<ArgumentException>(() => new AlertDispatcher(options));

        Assert.Contains("[emails] server", error.Message, StringComparison.Ordinal);
        Assert.Contains("[emails] port: 70000", error.Message, StringComparison.Ordinal);
        Assert.Contains("useTLS and useSSL are both on", error.Message, StringComparison.Ordinal);
        Assert.Contains("[emails] from: 'nobody'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[emails] to: no recipient", error.Message, StringComparison.Ordinal);
    }

    private static int MessagesIn(ReceivedMail mail)
    {
        var match = DigestCount().Match(mail.Subject);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
    }

    [GeneratedRegex(@" (\d+) messages$")]
    private static partial Regex DigestCount();
}
