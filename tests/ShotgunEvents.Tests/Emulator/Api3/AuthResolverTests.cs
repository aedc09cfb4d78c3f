using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class AuthResolverTests
{
    private static readonly JObject ShotQuery = new() { ["type"] = "Shot", ["filters"] = new JObject(), ["return_fields"] = new JArray("id") };

    [Fact]
    public async Task Read_BadScriptKey_Answers102WithoutTheKey()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("read", ShotQuery, new JObject { ["script_name"] = TestSite.ScriptName, ["script_key"] = "wrong-key-xyz" });

        Assert.Equal(102, (int)error["error_code"]!);
        Assert.Equal("Can't authenticate script 'test_script'", (string?)error["message"]);
        Assert.DoesNotContain("wrong-key-xyz", error.ToString());
    }

    [Fact]
    public async Task Read_UnknownScript_Answers102()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("read", ShotQuery, new JObject { ["script_name"] = "ghost", ["script_key"] = TestSite.ScriptKey });

        Assert.Equal(102, (int)error["error_code"]!);
    }

    [Fact]
    public async Task Read_NoAuthDict_Answers102()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.PostAsync(new JObject { ["method_name"] = "read", ["params"] = new JArray() });
        var body = TestSite.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(102, (int)body["error_code"]!);
    }

    [Fact]
    public async Task Read_UserLoginAndPassword_Authenticates_WrongPasswordIs102()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.AddHumanUser("jane.doe", "Jane Doe", "s3cret");

        await site.ResultsAsync("read", ShotQuery, new JObject { ["user_login"] = "jane.doe", ["user_password"] = "s3cret" });
        var error = await site.FaultAsync("read", ShotQuery, new JObject { ["user_login"] = "jane.doe", ["user_password"] = "nope" });

        Assert.Equal(102, (int)error["error_code"]!);
        Assert.Equal("Can't authenticate user 'jane.doe'.", (string?)error["message"]);
    }

    [Fact]
    public async Task Read_DisabledUser_Answers102()
    {
        await using var site = await TestSite.StartAsync();
        var jane = (int)site.Store.AddHumanUser("jane.doe", "Jane Doe", "s3cret")["id"]!;
        site.Store.Update("HumanUser", jane, new JObject { ["sg_status_list"] = "dis" });

        var error = await site.FaultAsync("read", ShotQuery, new JObject { ["user_login"] = "jane.doe", ["user_password"] = "s3cret" });

        Assert.Equal(102, (int)error["error_code"]!);
    }

    [Fact]
    public async Task SessionToken_WorksUntilSessionsExpire()
    {
        await using var site = await TestSite.StartAsync();
        var token = (string)(await site.ResultsAsync("get_session_token"))["session_id"]!;
        var auth = new JObject { ["session_token"] = token, ["reject_if_expired"] = true };

        await site.ResultsAsync("read", ShotQuery, auth);
        site.Server.Faults.ExpireSessions();
        var error = await site.FaultAsync("read", ShotQuery, auth);

        Assert.Equal(102, (int)error["error_code"]!);
    }

    [Fact]
    public async Task SudoAsLogin_EventsNameThePersonAndTheRealScript()
    {
        await using var site = await TestSite.StartAsync();
        var jane = (int)site.Store.AddHumanUser("jane.doe", "Jane Doe", "s3cret")["id"]!;
        var auth = TestSite.ScriptAuth();
        auth["sudo_as_login"] = "jane.doe";
        var before = site.Store.LatestEventId;

        await site.CreateAsync("Shot", new JObject { ["code"] = "s" }, auth);
        var events = await site.EventsAfterAsync(before);

        Assert.All(events, e =>
        {
            Assert.Equal(new JObject { ["type"] = "HumanUser", ["id"] = jane, ["name"] = "Jane Doe" }, e["user"]);
            Assert.Equal("ApiUser", (string?)e["meta"]!["sudo_actual_user"]!["type"]);
        });
    }

    [Fact]
    public async Task SudoAsLogin_UnknownUser_Answers102()
    {
        await using var site = await TestSite.StartAsync();
        var auth = TestSite.ScriptAuth();
        auth["sudo_as_login"] = "nobody";

        var error = await site.FaultAsync("read", ShotQuery, auth);

        Assert.Equal(102, (int)error["error_code"]!);
        Assert.StartsWith("Cannot 'sudo'", (string?)error["message"]);
    }

    [Fact]
    public async Task SudoAsLogin_ByAPersonOutsideTheAdminGroup_IsRefusedBeforeTheTargetIsLookedUp()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.AddHumanUser("jane.doe", "Jane Doe", "s3cret");
        site.Store.AddHumanUser("ben.ortiz", "Ben Ortiz", "pw");
        var asJane = new JObject { ["user_login"] = "jane.doe", ["user_password"] = "s3cret" };

        asJane["sudo_as_login"] = "ben.ortiz";
        var known = await site.FaultAsync("read", ShotQuery, asJane);
        asJane["sudo_as_login"] = "nobody";
        var unknown = await site.FaultAsync("read", ShotQuery, asJane);

        Assert.StartsWith("The user does not have permission to 'sudo':", (string?)known["message"]);
        Assert.StartsWith("The user does not have permission to 'sudo':", (string?)unknown["message"]);
        Assert.Equal(102, (int)known["error_code"]!);
    }

    [Fact]
    public async Task SudoAsLogin_ByAPersonInTheAdminGroup_ActsAsTheOtherPerson()
    {
        await using var site = await TestSite.StartAsync();
        var admins = (int)site.Store.Create("PermissionRuleSet", new JObject { ["code"] = "Admin", ["entity_type"] = "HumanUser" })["id"]!;
        var jane = (int)site.Store.AddHumanUser("jane.doe", "Jane Doe", "s3cret")["id"]!;
        var ben = (int)site.Store.AddHumanUser("ben.ortiz", "Ben Ortiz", "pw")["id"]!;
        site.Store.Update("HumanUser", jane, new JObject { ["permission_rule_set"] = TestSite.Link("PermissionRuleSet", admins) });
        var auth = new JObject { ["user_login"] = "jane.doe", ["user_password"] = "s3cret", ["sudo_as_login"] = "ben.ortiz" };
        var before = site.Store.LatestEventId;

        await site.CreateAsync("Shot", new JObject { ["code"] = "s" }, auth);

        var created = Assert.Single(await site.EventsAfterAsync(before), e => (string?)e["event_type"] == "Shotgun_Shot_New");
        Assert.Equal(ben, (int)created["user"]!["id"]!);
        Assert.Equal(jane, (int)created["meta"]!["sudo_actual_user"]!["id"]!);
    }

    [Fact]
    public async Task SessionUuid_IsStampedOnEveryEventOfTheWrite()
    {
        await using var site = await TestSite.StartAsync();
        const string session = "5a1d49b0-0c69-11e0-a24c-003048d17544";

        await site.CreateAsync("Shot", new JObject { ["code"] = "s", ["description"] = "d" }, TestSite.ScriptAuth(session));
        await site.UpdateAsync("Shot", 1, new JObject { ["code"] = "t" }, auth: TestSite.ScriptAuth("other-session"));
        var events = await site.EventsAfterAsync(0);

        Assert.Equal([session, session, session, session, "other-session"], events.Select(e => (string?)e["session_uuid"]));
        var bySession = await site.ReadAsync("EventLogEntry", TestSite.Condition("session_uuid", "is", session));
        Assert.Equal(4, bySession.Count);
    }

    [Fact]
    public void ScriptCredential_ToString_HidesTheKey()
    {
        var credential = new ShotgunEvents.Emulator.ScriptCredential("name", "very-secret-key");

        Assert.DoesNotContain("very-secret-key", credential.ToString());
        Assert.Contains("name", credential.ToString());
    }

    [Fact]
    public async Task HumanUserPassword_IsNeverReadBack()
    {
        await using var site = await TestSite.StartAsync();
        var jane = (int)site.Store.AddHumanUser("jane.doe", "Jane Doe", "s3cret")["id"]!;

        var users = await site.ReadAsync("HumanUser", fields: ["password_proxy", "login"]);

        Assert.Equal(JTokenType.Null, users.Single(u => (int)u["id"]! == jane)["password_proxy"]!.Type);
        Assert.DoesNotContain("s3cret", site.Store.Find("HumanUser", jane)!.ToString());
        Assert.DoesNotContain("s3cret", (await site.EventsAfterAsync(0)).ToString());
    }
}
