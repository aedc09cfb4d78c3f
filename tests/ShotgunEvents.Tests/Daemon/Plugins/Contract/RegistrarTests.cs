using NLog;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Daemon.Plugins.Contract;

public sealed class RegistrarTests : IDisposable
{
    private readonly LogCapture _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public void EmailRecipients_NotSet_IsDefault()
    {
        Assert.Equal(EmailRecipientsKind.Default, CreateRegistrar().EmailRecipients.Kind);
    }

    [Fact]
    public void SetEmails_True_IsDefaultAndFalse_IsNone()
    {
        // Upstream passed (True,) and (False,) on as a tuple and mailed nobody (bug §3.3); here they mean what they say.
        var registrar = CreateRegistrar();

        registrar.SetEmails(false);
        Assert.Same(EmailRecipients.None, registrar.EmailRecipients);

        registrar.SetEmails(true);
        Assert.Same(EmailRecipients.Default, registrar.EmailRecipients);
    }

    [Fact]
    public void SetEmails_Addresses_AreKeptInOrder()
    {
        var registrar = CreateRegistrar();

        registrar.SetEmails("a@studio.example", "b@studio.example");
        Assert.Equal(EmailRecipientsKind.Custom, registrar.EmailRecipients.Kind);
        Assert.Equal(["a@studio.example", "b@studio.example"], registrar.EmailRecipients.Addresses);

        registrar.SetEmails(new List<string> { "c@studio.example" });
        Assert.Equal(["c@studio.example"], registrar.EmailRecipients.Addresses);
    }

    [Theory]
    [InlineData(new string[0], "at least one address")]
    [InlineData(new[] { "not-an-address" }, "'not-an-address' is not an email address")]
    [InlineData(new[] { " " }, "is not an email address")]
    public void SetEmails_BadAddresses_ThrowClearError(string[] addresses, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CreateRegistrar().SetEmails(addresses));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterCallback_NameWithoutKey_ThrowsWithoutLeakingAnything()
    {
        var error = Assert.Throws<ArgumentException>(() => CreateRegistrar().RegisterCallback("script", null, Noop));

        Assert.Contains("script 'script' was given without a script key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterCallback_KeyWithoutName_ThrowsWithoutShowingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => CreateRegistrar().RegisterCallback(null, "s3cret-key-value", Noop));

        Assert.DoesNotContain("s3cret-key-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterCallback_EmptyCredentials_MeanTheDaemonsOwn()
    {
        var registrar = CreateRegistrar();

        registrar.RegisterCallback("", " ", Noop);

        Assert.Null(registrar.Callbacks[0].ScriptName);
        Assert.Null(registrar.Callbacks[0].ScriptKey);
    }

    [Fact]
    public void RegisterCallback_AfterRegistration_IsRefused()
    {
        var registrar = CreateRegistrar();
        registrar.Close();

        var error = Assert.Throws<InvalidOperationException>(() => registrar.RegisterCallback(Noop));
        Assert.Contains("only be registered inside registerCallbacks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterCallback_MatchEventsChangedLater_RegistrationKeepsItsCopy()
    {
        var registrar = CreateRegistrar();
        var match = new MatchEvents { ["Shotgun_Shot_Change"] = ["code"] };

        registrar.RegisterCallback(Noop, match);
        match["Shotgun_Asset_Change"] = null;

        Assert.False(registrar.Callbacks[0].MatchEvents.Matches("Shotgun_Asset_Change", "code"));
    }

    [Fact]
    public void Registration_ToString_NeverShowsTheKey()
    {
        var registrar = CreateRegistrar();

        registrar.RegisterCallback("script", "s3cret-key-value", Noop);

        Assert.DoesNotContain("s3cret-key-value", registrar.Callbacks[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("script script", registrar.Callbacks[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterCallback_CallbackLogger_IsNamedAfterPluginAndCallback()
    {
        var registrar = CreateRegistrar();

        registrar.RegisterCallback(Noop);

        Assert.Equal("plugin.demo.Noop", registrar.Callbacks[0].Logger.Name);
        Assert.Equal("plugin.demo", registrar.Logger.Name);
    }

    private Registrar CreateRegistrar() =>
        new("demo", "/plugins/demo.csx", _logs.Factory.GetLogger("plugin.demo"), new Dictionary<string, string>(),
            name => _logs.Factory.GetLogger("plugin.demo." + name));

    private static void Noop(IShotgun sg, Logger logger, ShotgunEvent evt, object? args)
    {
    }
}
