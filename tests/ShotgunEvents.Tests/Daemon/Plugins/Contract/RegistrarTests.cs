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
    public void RegisterCallback_NameWithoutKey_WarnsNamingThePluginAndUsesTheDaemonsCredentials()
    {
        var registrar = CreateRegistrar();

        registrar.RegisterCallback("script", null, Noop);

        Assert.Null(registrar.Callbacks[0].ScriptName);
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warn);
        Assert.Contains("Plugin demo, callback Noop: script 'script' was given without a script key", warning.Message, StringComparison.Ordinal);
        Assert.Contains("daemon's own credentials", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterCallback_KeyWithoutName_WarnsWithoutShowingTheKey()
    {
        var registrar = CreateRegistrar();

        registrar.RegisterCallback(null, "s3cret-key-value", Noop);

        Assert.Null(registrar.Callbacks[0].ScriptKey);
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warn);
        Assert.Contains("Plugin demo, callback Noop: a script key was given without a script name", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-key-value", _logs.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public void RequireEnv_Missing_ThrowsNamingThePluginAndTheVariable()
    {
        var name = "SGE_TEST_MISSING_" + Guid.NewGuid().ToString("N");

        var error = Assert.Throws<PluginSettingException>(() => CreateRegistrar().RequireEnv(name));

        Assert.Equal($"Plugin demo needs the environment variable {name}, which is not set.", error.Message);
    }

    [Fact]
    public void RequireEnv_Set_ReturnsTheValue()
    {
        var name = "SGE_TEST_SET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "value-1");
        try
        {
            Assert.Equal("value-1", CreateRegistrar().RequireEnv(name));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void RequireSetting_MissingOrEmpty_ThrowsNamingThePluginAndTheKey()
    {
        var registrar = CreateRegistrar(new Dictionary<string, string> { ["empty"] = " ", ["present"] = "yes" });

        var missing = Assert.Throws<PluginSettingException>(() => registrar.RequireSetting("status_map"));
        var empty = Assert.Throws<PluginSettingException>(() => registrar.RequireSetting("empty"));

        Assert.Equal("Plugin demo needs the setting [plugin_settings] status_map, which is not set.", missing.Message);
        Assert.Equal("Plugin demo needs the setting [plugin_settings] empty, which is empty.", empty.Message);
        Assert.Equal("yes", registrar.RequireSetting("present"));
    }

    [Fact]
    public void Connect_HalfCredentials_ThrowsWithoutShowingTheKey()
    {
        var registrar = CreateRegistrar();

        var noKey = Assert.Throws<ArgumentException>(() => registrar.Connect("script", ""));
        var noName = Assert.Throws<ArgumentException>(() => registrar.Connect("", "s3cret-key-value"));

        Assert.Contains("Plugin demo: Connect was given script 'script' without a key", noKey.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-key-value", noName.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteredCallback_ScopesAfterRegistration_AreRefused()
    {
        var registrar = CreateRegistrar();
        var callback = registrar.RegisterCallback(Noop).InProjects(12).InProjects("bunny").SkipOwnWrites();
        registrar.Close();

        Assert.Throws<InvalidOperationException>(() => callback.InProjects(13));
        Assert.Equal([12], registrar.Callbacks[0].ProjectIds);
        Assert.Equal(["bunny"], registrar.Callbacks[0].ProjectNames);
        Assert.Equal("projects [12, bunny]; skips own writes", registrar.Callbacks[0].DescribeScope());
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

    private Registrar CreateRegistrar(Dictionary<string, string>? settings = null) =>
        new("demo", "/plugins/demo.csx", _logs.Factory.GetLogger("plugin.demo"), settings ?? new Dictionary<string, string>(),
            name => _logs.Factory.GetLogger("plugin.demo." + name));

    private static void Noop(IShotgun sg, Logger logger, ShotgunEvent evt, object? args)
    {
    }
}
