using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class InfoTests
{
    [Fact]
    public async Task Info_OverOurClient_HasTheKeysThePythonApiAndToolkitRead()
    {
        await using var site = await ClientSite.StartAsync();

        var info = await site.Client.InfoAsync();

        Assert.Equal(3, info["version"]!.Count());
        Assert.Equal(4, info["full_version"]!.Count());
        Assert.Equal("default", (string?)info["user_authentication_method"]);
        Assert.Equal(500, (int)info["api_max_entities_per_page"]!);
        Assert.True((bool)info["s3_uploads_enabled"]!);
        Assert.True((bool)info["s3_direct_uploads_enabled"]!);
        Assert.Equal(["*"], info["s3_enabled_upload_types"]!["*"]!.Select(t => (string?)t));
        // False, unlike a current site: the emulator serves neither the web login nor the app session launcher.
        Assert.False((bool)info["unified_login_flow_enabled"]!);
        Assert.False((bool)info["authentication_app_session_launcher_enabled"]!);
    }
}
