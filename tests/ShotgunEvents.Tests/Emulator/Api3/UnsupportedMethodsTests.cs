using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Emulator.Api3;
using CliSandbox = ShotgunEvents.Tests.Daemon.Cli.Support.CliSandbox;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed partial class UnsupportedMethodsTests
{
    // Every _call_rpc("...") in the Python API 3.10.2 (shotgun_api3/shotgun.py) the emulator serves. Three more,
    // note_thread_contents, activity_stream and query_display_name_cache, are served by another branch and are left
    // out of both lists here until it lands.
    private static readonly string[] Served =
    [
        "read", "summarize", "create", "update", "delete", "revive", "batch", "work_schedule_read", "work_schedule_update",
        "follow", "unfollow", "followers", "following", "schema_entity_read", "schema_read", "schema_field_read",
        "update_project_last_accessed_by_current_user", "get_session_token", "preferences_read", "user_subscriptions_read",
        "user_subscriptions_create", "note_thread_contents", "activity_stream", "query_display_name_cache", "export_page",
    ];

    public static TheoryData<string> ReadmeListed() => [.. ReadmeList()];

    [Theory]
    [MemberData(nameof(ReadmeListed))]
    public async Task CallMethod_MethodTheReadmeListsAsUnsupported_AnswersTheEnvelope(string method)
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync(method, new JObject { ["type"] = "Shot" });

        Assert.IsNotType<AuthenticationFault>(fault);
        Assert.Equal(103, fault.ErrorCode);
        Assert.Equal($"API {method}() is not supported by this emulated site.", fault.Message);
    }

    [Fact]
    public void ReadmeList_IsExactlyTheEmulatorsUnsupportedSet()
    {
        Assert.Equal(UnsupportedMethods.Names.Order(StringComparer.Ordinal), ReadmeList().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnsupportedMethods_NoneIsServed()
    {
        Assert.Empty(UnsupportedMethods.Names.Intersect(Served));
    }

    [Fact]
    public async Task CallMethod_ServedPythonApiMethod_IsNeverAnsweredAsUnknown()
    {
        await using var site = await ClientSite.StartAsync();

        foreach (var method in Served)
        {
            try
            {
                await site.CallAsync(method, new JObject());
            }
            catch (ShotgunFault fault)
            {
                // Empty parameters are a bad request for most of them; what matters is that the method is known.
                Assert.DoesNotContain("Unknown API method", fault.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("not supported", fault.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task CallMethod_NameNoSiteHas_AnswersUnknownMethod()
    {
        await using var site = await ClientSite.StartAsync();

        var fault = await site.FaultAsync("teleport_shot", new JObject());

        Assert.Equal(103, fault.ErrorCode);
        Assert.Equal("Unknown API method 'teleport_shot'.", fault.Message);
    }

    [Fact]
    public async Task Post_NoMethodName_AnswersTheEnvelope()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.PostAsync(new JObject { ["params"] = new JArray(TestSite.ScriptAuth()) });
        var body = TestSite.Parse(await response.Content.ReadAsStringAsync());

        Assert.True((bool)body["exception"]!);
        Assert.Equal(103, (int)body["error_code"]!);
    }

    private static List<string> ReadmeList()
    {
        var readme = File.ReadAllText(Path.Combine(CliSandbox.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("<!-- unsupported-api3-methods -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- /unsupported-api3-methods -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the unsupported-api3-methods list");
        return [.. ListItem().Matches(readme[start..end]).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"^- `([a-z_0-9]+)`\s*$", RegexOptions.Multiline)]
    private static partial Regex ListItem();
}
