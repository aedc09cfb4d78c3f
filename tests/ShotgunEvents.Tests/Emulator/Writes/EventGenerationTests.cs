using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Writes;

/// <summary>The event rows each api3 write generates, checked field by field (protocol §5.3–5.4).</summary>
public sealed class EventGenerationTests
{
    private const string Session = "dd6a1d6a-83a0-11ec-8826-0242ac110006";

    [Fact]
    public async Task Create_LogsNewThenOneInCreateChangePerPopulatedField()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        var project = (int)site.Store.Create("Project", new JObject { ["name"] = "Demo" })["id"]!;
        var before = site.Store.LatestEventId;

        var shot = await site.CreateAsync("Shot", new JObject
        {
            ["code"] = "bunny_010_0010",
            ["project"] = TestSite.Link("Project", project),
            ["sg_cut_in"] = 1001,
            ["description"] = "Fog",
        }, TestSite.ScriptAuth(Session));
        var id = (int)shot["id"]!;
        var events = await site.EventsAfterAsync(before);

        // 4 keys sent + the server-set status default = 5 Change rows, after one New row.
        Assert.Equal(6, events.Count);
        Assert.Equal(Enumerable.Range(before + 1, 6), events.Select(e => (int)e["id"]!));
        var created = events[0];
        Assert.Equal("Shotgun_Shot_New", (string?)created["event_type"]);
        Assert.Equal(JTokenType.Null, created["attribute_name"]!.Type);
        Assert.Equal(new JObject { ["type"] = "new_entity", ["entity_type"] = "Shot", ["entity_id"] = id }, created["meta"]);
        Assert.Equal(new JObject { ["type"] = "Shot", ["id"] = id, ["name"] = "bunny_010_0010" }, created["entity"]);
        Assert.Equal(new JObject { ["type"] = "Project", ["id"] = project, ["name"] = "Demo" }, created["project"]);
        Assert.Equal("ApiUser", (string?)created["user"]!["type"]);
        Assert.Equal("test_script 1.0", (string?)created["user"]!["name"]);
        Assert.Equal(Session, (string?)created["session_uuid"]);
        Assert.Equal("2025-03-14T09:30:00Z", (string?)created["created_at"]);
        Assert.Equal("test_script 1.0 created new Shot bunny_010_0010", (string?)created["description"]);

        var changes = events.Skip(1).ToDictionary(e => (string)e["attribute_name"]!);
        Assert.Equal(["code", "description", "project", "sg_cut_in", "sg_status_list"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.All(changes.Values, e =>
        {
            Assert.Equal("Shotgun_Shot_Change", (string?)e["event_type"]);
            Assert.True((bool)e["meta"]!["in_create"]!);
            Assert.Equal(JTokenType.Null, e["meta"]!["old_value"]!.Type);
            Assert.Equal(Session, (string?)e["session_uuid"]);
        });
        Assert.Equal(new JObject
        {
            ["type"] = "attribute_change", ["attribute_name"] = "sg_status_list", ["entity_type"] = "Shot", ["entity_id"] = id,
            ["field_data_type"] = "status_list", ["old_value"] = null, ["new_value"] = "wtg", ["in_create"] = true, ["platform_id"] = null,
        }, changes["sg_status_list"]["meta"]);
        Assert.Equal(1001, (int)changes["sg_cut_in"]["meta"]!["new_value"]!);
        Assert.Equal("number", (string?)changes["sg_cut_in"]["meta"]!["field_data_type"]);
        Assert.Equal(new JObject { ["type"] = "Project", ["id"] = project, ["name"] = "Demo" }, changes["project"]["meta"]!["new_value"]);
    }

    [Fact]
    public async Task Update_Scalar_LogsOneChangeWithOldAndNew()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        var id = (int)site.Store.Create("Shot", new JObject { ["code"] = "sh1", ["description"] = "*Add fog and mist." })["id"]!;
        var before = site.Store.LatestEventId;
        site.Time!.Advance(TimeSpan.FromMinutes(3));

        await site.UpdateAsync("Shot", id, new JObject { ["description"] = "*Add fog and mist with depth", ["code"] = "sh1" }, auth: TestSite.ScriptAuth(Session));
        var change = (await site.EventsAfterAsync(before)).Single();

        Assert.Equal("Shotgun_Shot_Change", (string?)change["event_type"]);
        Assert.Equal("description", (string?)change["attribute_name"]);
        Assert.Equal(new JObject
        {
            ["type"] = "attribute_change", ["attribute_name"] = "description", ["entity_type"] = "Shot", ["entity_id"] = id,
            ["field_data_type"] = "text", ["old_value"] = "*Add fog and mist.", ["new_value"] = "*Add fog and mist with depth",
            ["in_create"] = false, ["platform_id"] = null,
        }, change["meta"]);
        Assert.Equal("2025-03-14T09:33:00Z", (string?)change["created_at"]);
        Assert.Equal(Session, (string?)change["session_uuid"]);
        Assert.Contains("changed \"Description\" from \"*Add fog and mist.\" to \"*Add fog and mist with depth\" on Shot sh1", (string?)change["description"]);
    }

    [Fact]
    public async Task Update_EntityField_LogsLinksWithNames()
    {
        await using var site = await TestSite.StartAsync();
        var a = (int)site.Store.Create("Sequence", new JObject { ["code"] = "A" })["id"]!;
        var b = (int)site.Store.Create("Sequence", new JObject { ["code"] = "B" })["id"]!;
        var shot = (int)site.Store.Create("Shot", new JObject { ["code"] = "s", ["sg_sequence"] = TestSite.Link("Sequence", a) })["id"]!;
        var before = site.Store.LatestEventId;

        await site.UpdateAsync("Shot", shot, new JObject { ["sg_sequence"] = TestSite.Link("Sequence", b) });
        var meta = (await site.EventsAfterAsync(before)).Single()["meta"]!;

        Assert.Equal("entity", (string?)meta["field_data_type"]);
        Assert.Equal(new JObject { ["type"] = "Sequence", ["id"] = a, ["name"] = "A" }, meta["old_value"]);
        Assert.Equal(new JObject { ["type"] = "Sequence", ["id"] = b, ["name"] = "B" }, meta["new_value"]);
    }

    [Fact]
    public async Task Update_MultiEntity_LogsAddedAndRemovedWithoutValues()
    {
        await using var site = await TestSite.StartAsync();
        var jane = (int)site.Store.AddHumanUser("jane", "Jane", "pw")["id"]!;
        var bob = (int)site.Store.AddHumanUser("bob", "Bob", "pw")["id"]!;
        var task = (int)site.Store.Create("Task", new JObject { ["content"] = "Anim", ["task_assignees"] = new JArray(TestSite.Link("HumanUser", bob)) })["id"]!;
        var before = site.Store.LatestEventId;

        await site.UpdateAsync("Task", task, new JObject { ["task_assignees"] = new JArray(TestSite.Link("HumanUser", jane)) });
        var change = (await site.EventsAfterAsync(before)).Single();

        Assert.Equal("task_assignees", (string?)change["attribute_name"]);
        Assert.Equal(new JObject
        {
            ["type"] = "attribute_change", ["attribute_name"] = "task_assignees", ["entity_type"] = "Task", ["entity_id"] = task,
            ["field_data_type"] = "multi_entity",
            ["added"] = new JArray(new JObject { ["type"] = "HumanUser", ["id"] = jane, ["name"] = "Jane", ["status"] = "act", ["valid"] = "valid" }),
            ["removed"] = new JArray(new JObject { ["type"] = "HumanUser", ["id"] = bob, ["name"] = "Bob", ["status"] = "act", ["valid"] = "valid" }),
            ["in_create"] = false, ["platform_id"] = null,
        }, change["meta"]);
    }

    [Fact]
    public async Task Update_MultiEntityAddMode_LogsOnlyTheAddition_AndNoRowWhenNothingChanges()
    {
        await using var site = await TestSite.StartAsync();
        var jane = (int)site.Store.AddHumanUser("jane", "Jane", "pw")["id"]!;
        var bob = (int)site.Store.AddHumanUser("bob", "Bob", "pw")["id"]!;
        var task = (int)site.Store.Create("Task", new JObject { ["content"] = "Anim", ["task_assignees"] = new JArray(TestSite.Link("HumanUser", bob)) })["id"]!;
        var before = site.Store.LatestEventId;

        await site.UpdateAsync("Task", task, new JObject { ["task_assignees"] = new JArray(TestSite.Link("HumanUser", jane)) }, mode: "add");
        await site.UpdateAsync("Task", task, new JObject { ["task_assignees"] = new JArray(TestSite.Link("HumanUser", bob)) }, mode: "add");
        var events = await site.EventsAfterAsync(before);

        var meta = events.Single()["meta"]!;
        Assert.Equal([jane], meta["added"]!.Select(a => (int)a["id"]!));
        Assert.Empty((JArray)meta["removed"]!);
    }

    [Fact]
    public async Task Update_SameValue_LogsNothing()
    {
        await using var site = await TestSite.StartAsync();
        var id = (int)site.Store.Create("Shot", new JObject { ["code"] = "s", ["sg_status_list"] = "ip" })["id"]!;
        var before = site.Store.LatestEventId;

        await site.UpdateAsync("Shot", id, new JObject { ["sg_status_list"] = "ip" });

        Assert.Empty(await site.EventsAfterAsync(before));
    }

    [Fact]
    public async Task Delete_LogsRetirementAndRetirementDate_ThenOldEventsReadEntityNull()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        var id = (int)site.Store.Create("Shot", new JObject { ["code"] = "doomed" })["id"]!;
        var before = site.Store.LatestEventId;

        Assert.True((bool)await site.ResultsAsync("delete", new JObject { ["type"] = "Shot", ["id"] = id }, TestSite.ScriptAuth(Session)));
        var events = await site.EventsAfterAsync(before);

        Assert.Equal(["Shotgun_Shot_Retirement", "Shotgun_Shot_Change"], events.Select(e => (string?)e["event_type"]));
        Assert.Equal(new JObject
        {
            ["type"] = "entity_retirement", ["entity_type"] = "Shot", ["entity_id"] = id, ["id"] = id, ["class_name"] = "Shot",
            ["display_name"] = "doomed", ["retirement_date"] = "2025-03-14 09:30:00 UTC",
        }, events[0]["meta"]);
        Assert.Equal("retirement_date", (string?)events[1]["attribute_name"]);
        Assert.Equal(JTokenType.Null, events[1]["meta"]!["old_value"]!.Type);
        Assert.Equal("2025-03-14 09:30:00 UTC", (string?)events[1]["meta"]!["new_value"]);
        Assert.All(events, e => Assert.Equal(Session, (string?)e["session_uuid"]));

        var all = await site.EventsAfterAsync(0);
        Assert.All(all, e => Assert.Equal(JTokenType.Null, e["entity"]!.Type));
        Assert.All(all, e => Assert.Equal(id, (int)e["meta"]!["entity_id"]!));
    }

    [Fact]
    public async Task Revive_LogsRevival_AndOldEventsLinkTheEntityAgain()
    {
        await using var site = await TestSite.StartAsync();
        var id = (int)site.Store.Create("Asset", new JObject { ["code"] = "Buck" })["id"]!;
        site.Store.Delete("Asset", id);
        var before = site.Store.LatestEventId;

        Assert.True((bool)await site.ResultsAsync("revive", new JObject { ["type"] = "Asset", ["id"] = id }));
        var revival = (await site.EventsAfterAsync(before)).Single();

        Assert.Equal("Shotgun_Asset_Revival", (string?)revival["event_type"]);
        Assert.Equal("entity_revival", (string?)revival["meta"]!["type"]);
        Assert.Equal("Asset", (string?)revival["meta"]!["entity_type"]);
        Assert.Equal(id, (int)revival["meta"]!["entity_id"]!);
        Assert.Equal(new JObject { ["type"] = "Asset", ["id"] = id, ["name"] = "Buck" }, revival["entity"]);
        var first = (await site.EventsAfterAsync(0))[0];
        Assert.Equal("Buck", (string?)first["entity"]!["name"]);
    }

    [Fact]
    public async Task Write_WithoutSessionUuid_StampsNull()
    {
        await using var site = await TestSite.StartAsync();

        await site.CreateAsync("Shot", new JObject { ["code"] = "s" });

        Assert.All(await site.EventsAfterAsync(0), e => Assert.Equal(JTokenType.Null, e["session_uuid"]!.Type));
    }

    [Fact]
    public async Task Write_ByHumanUser_NamesThePerson()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.AddHumanUser("jane.doe", "Jane Doe", "s3cret");
        var before = site.Store.LatestEventId;

        await site.CreateAsync("Shot", new JObject { ["code"] = "s" }, new JObject { ["user_login"] = "jane.doe", ["user_password"] = "s3cret" });

        Assert.All(await site.EventsAfterAsync(before), e => Assert.Equal("Jane Doe", (string?)e["user"]!["name"]));
    }

    [Fact]
    public async Task Write_ByScriptWithEventLoggingOff_LogsNothing()
    {
        await using var site = await TestSite.StartAsync();
        var apiUser = (int)(await site.ReadAsync("ApiUser", TestSite.Condition("firstname", "is", TestSite.ScriptName))).Single()["id"]!;
        site.Store.Update("ApiUser", apiUser, new JObject { ["generate_event_log_entries"] = false });
        var before = site.Store.LatestEventId;

        await site.CreateAsync("Shot", new JObject { ["code"] = "quiet" });

        Assert.Empty(await site.EventsAfterAsync(before));
        Assert.Single(await site.ReadAsync("Shot"));
    }

    [Fact]
    public async Task StoreWrites_GenerateTheSameEventsAsApi3()
    {
        await using var site = await TestSite.StartAsync();

        var shot = site.Store.Create("Shot", new JObject { ["code"] = "c#" }, TestSite.ScriptName, Session);
        site.Store.Update("Shot", (int)shot["id"]!, new JObject { ["sg_status_list"] = "ip" }, TestSite.ScriptName);
        var events = site.Store.ReadEvents(0);

        Assert.Equal(["Shotgun_Shot_New", "Shotgun_Shot_Change", "Shotgun_Shot_Change", "Shotgun_Shot_Change"], events.Select(e => (string?)e["event_type"]));
        Assert.Equal(Session, (string?)events[0]["session_uuid"]);
        Assert.Equal("test_script 1.0", (string?)events[3]["user"]!["name"]);
        Assert.Equal("ip", (string?)events[3]["meta"]!["new_value"]);
        Assert.Equal("wtg", (string?)events[3]["meta"]!["old_value"]);
    }
}
