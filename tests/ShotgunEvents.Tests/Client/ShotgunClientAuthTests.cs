using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>Every way a site authenticates (protocol §2.2), driven with our client against the emulator over loopback.</summary>
public sealed class ShotgunClientAuthTests : IAsyncLifetime
{
    private const string Login = "jane.doe";
    private const string Password = "s3cret-pw";
    private EmulatorSite _site = null!;
    private int _jane;

    public async Task InitializeAsync()
    {
        _site = await EmulatorSite.StartAsync();
        _jane = (int)_site.Server.Store.AddHumanUser(Login, "Jane Doe", Password)["id"]!;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task FindAsync_WrongScriptKey_IsAuthenticationFault102WithTheSiteText()
    {
        using var client = _site.Connect(ShotgunCredentials.Script(EmulatorSite.ScriptName, "not-the-key-9f1"));

        var fault = await Assert.ThrowsAsync<AuthenticationFault>(() => client.FindAsync("Shot", null, ["id"]));

        Assert.Equal(102, fault.ErrorCode);
        Assert.Contains($"Can't authenticate script '{EmulatorSite.ScriptName}'", fault.Message);
        Assert.DoesNotContain("not-the-key-9f1", fault.ToString());
    }

    [Fact]
    public async Task FindAsync_UnknownScript_IsAuthenticationFault()
    {
        using var client = _site.Connect(ShotgunCredentials.Script("ghost_script", EmulatorSite.ScriptKey));

        var fault = await Assert.ThrowsAsync<AuthenticationFault>(() => client.FindAsync("Shot", null, ["id"]));

        Assert.Contains("Can't authenticate script 'ghost_script'", fault.Message);
    }

    [Fact]
    public async Task CreateAsync_UserLogin_ActsAsThatUser()
    {
        using var client = _site.Connect(ShotgunCredentials.User(Login, Password));
        var before = _site.Server.Store.LatestEventId;

        await client.CreateAsync("Project", new { name = "By Jane" });

        var events = _site.Server.Store.ReadEvents(before);
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(_jane, (int)e["user"]!["id"]!));
        Assert.All(events, e => Assert.Equal("HumanUser", (string?)e["user"]!["type"]));
    }

    [Fact]
    public async Task FindAsync_WrongPassword_IsAuthenticationFaultNamingTheLogin()
    {
        using var client = _site.Connect(ShotgunCredentials.User(Login, "wrong-password-77"));

        var fault = await Assert.ThrowsAsync<AuthenticationFault>(() => client.FindAsync("Shot", null, ["id"]));

        Assert.Contains($"Can't authenticate user '{Login}'.", fault.Message);
        Assert.DoesNotContain("wrong-password-77", fault.ToString());
    }

    [Fact]
    public async Task GetSessionTokenAsync_TokenAuthenticatesAsTheSameUser_UntilSessionsExpire()
    {
        using var user = _site.Connect(ShotgunCredentials.User(Login, Password));
        var token = await user.GetSessionTokenAsync();
        using var session = _site.Connect(ShotgunCredentials.SessionToken(token));
        var before = _site.Server.Store.LatestEventId;

        await session.CreateAsync("Project", new { name = "By session" });
        _site.Faults.ExpireSessions();
        var fault = await Assert.ThrowsAsync<AuthenticationFault>(() => session.FindAsync("Shot", null, ["id"]));

        Assert.All(_site.Server.Store.ReadEvents(before), e => Assert.Equal(_jane, (int)e["user"]!["id"]!));
        Assert.Equal(102, fault.ErrorCode);
        Assert.DoesNotContain(token, fault.ToString());
    }

    [Fact]
    public async Task FindAsync_MadeUpSessionToken_IsAuthenticationFault()
    {
        using var client = _site.Connect(ShotgunCredentials.SessionToken("0123456789abcdef0123456789abcdef"));

        await Assert.ThrowsAsync<AuthenticationFault>(() => client.FindAsync("Shot", null, ["id"]));
    }

    [Fact]
    public async Task CreateAsync_SudoAsLogin_EventsNameThePersonAndTheRealScript()
    {
        using var client = _site.Pool.Connect(ShotgunCredentials.Script(EmulatorSite.ScriptName, EmulatorSite.ScriptKey), sudoAsLogin: Login);
        var before = _site.Server.Store.LatestEventId;

        await client.CreateAsync("Project", new { name = "Sudo" });

        var events = _site.Server.Store.ReadEvents(before);
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.Equal(_jane, (int)e["user"]!["id"]!);
            Assert.Equal("ApiUser", (string?)e["meta"]!["sudo_actual_user"]!["type"]);
        });
    }

    [Fact]
    public async Task FindAsync_SudoAsUnknownLogin_IsAuthenticationFault()
    {
        using var client = _site.Pool.Connect(ShotgunCredentials.Script(EmulatorSite.ScriptName, EmulatorSite.ScriptKey), sudoAsLogin: "nobody.here");

        var fault = await Assert.ThrowsAsync<AuthenticationFault>(() => client.FindAsync("Shot", null, ["id"]));

        Assert.Contains("Cannot 'sudo' - unknown or retired user 'nobody.here'", fault.Message);
    }
}
