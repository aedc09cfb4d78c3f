using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Schema;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class WriteMethodsTests
{
    [Fact]
    public async Task Create_ReturnsSentFieldsPlusReturnFields()
    {
        await using var site = await TestSite.StartAsync();

        var shot = await site.CreateAsync("Shot", new JObject { ["code"] = "bunny_010_0010", ["sg_cut_in"] = 1001 }, returnFields: ["sg_status_list", "created_at"]);

        Assert.Equal("Shot", (string?)shot["type"]);
        Assert.Equal(1, (int)shot["id"]!);
        Assert.Equal("bunny_010_0010", (string?)shot["code"]);
        Assert.Equal(1001, (int)shot["sg_cut_in"]!);
        Assert.Equal("wtg", (string?)shot["sg_status_list"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)shot["created_at"]);
    }

    [Fact]
    public async Task Create_UnknownField_AnswersTheSiteText()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("create", new JObject
        {
            ["type"] = "Shot", ["fields"] = new JArray(new JObject { ["field_name"] = "foo", ["value"] = 1 }),
        });

        Assert.Equal("API create() Shot.foo doesn't exist.", (string?)error["message"]);
        Assert.Empty(site.Store.ReadEvents(0));
    }

    [Theory]
    [InlineData("sg_cut_in", "\"ten\"")]
    [InlineData("sg_status_list", "\"nope\"")]
    [InlineData("sg_client_approved", "1")]
    [InlineData("sg_due_date", "\"14/03/2025\"")]
    [InlineData("sg_last_published_at", "\"yesterday\"")]
    [InlineData("project", "5")]
    [InlineData("project", "{\"type\": \"Project\", \"id\": 99}")]
    [InlineData("sg_sequence", "{\"type\": \"Shot\", \"id\": 1}")]
    [InlineData("assets", "{\"type\": \"Asset\", \"id\": 1}")]
    [InlineData("tag_list", "\"hero\"")]
    [InlineData("id", "7")]
    public async Task Create_BadValue_IsRefusedNamingTheField(string field, string json)
    {
        await using var site = await TestSite.StartAsync();
        site.Store.Create("Shot", new JObject { ["code"] = "other" });

        var error = await site.FaultAsync("create", new JObject
        {
            ["type"] = "Shot", ["fields"] = new JArray(new JObject { ["field_name"] = field, ["value"] = JToken.Parse(json) }),
        });

        Assert.Contains($"Shot.{field}", (string?)error["message"]);
        Assert.Single(await site.ReadAsync("Shot"));
    }

    [Fact]
    public async Task Create_WithoutAMandatoryField_IsStoredAsASiteStoresIt()
    {
        // Sites create rows without their mandatory fields (the Python API's live suite makes Shots without code,
        // Tasks without content, Notes without subject): the flag is the web UI's.
        await using var site = await TestSite.StartAsync();
        var definition = (JObject)await site.ResultsAsync("schema_field_read", new JObject { ["type"] = "Project", ["field_name"] = "name" });

        var project = await site.CreateAsync("Project", new JObject { ["sg_status"] = "Active" }, returnFields: ["name"]);

        Assert.True((bool)definition["name"]!["mandatory"]!["value"]!);
        Assert.Equal(JTokenType.Null, project["name"]!.Type);
        Assert.Single(await site.ReadAsync("Project"));
    }

    [Fact]
    public async Task CreateThenUpdate_FieldNotEditable_IsSetOnCreateButRefusedOnUpdate()
    {
        await using var site = await TestSite.StartAsync();
        var jane = (int)site.Store.AddHumanUser("jane.doe", "Jane Doe", "s3cret")["id"]!;
        var definition = (JObject)await site.ResultsAsync("schema_field_read", new JObject { ["type"] = "Shot", ["field_name"] = "created_by" });

        var shot = await site.CreateAsync("Shot", new JObject { ["code"] = "s", ["created_by"] = TestSite.Link("HumanUser", jane) }, returnFields: ["created_by"]);
        var error = await site.FaultAsync("update", new JObject
        {
            ["type"] = "Shot", ["id"] = (int)shot["id"]!,
            ["fields"] = new JArray(new JObject { ["field_name"] = "created_by", ["value"] = null }),
        });

        Assert.False((bool)definition["created_by"]!["editable"]!["value"]!);
        Assert.Equal(jane, (int)shot["created_by"]!["id"]!);
        Assert.Equal("API update() Shot.created_by is not editable.", (string?)error["message"]);
        Assert.Equal(jane, (int)(await site.ReadAsync("Shot", fields: ["created_by"]))[0]["created_by"]!["id"]!);
    }

    [Fact]
    public async Task Create_FlagsAsARealSiteSchemaHasThem_SetsWhatTheLiveSuiteSets()
    {
        // The flags of a real site's schema (Fixtures/Schema/site-flags.json copies them): the Python API's live suite
        // creates each of these rows on real sites.
        await using var site = await TestSite.StartAsync(schemaPath: SchemaLoaderTests.Fixture("site-flags.json"));

        var user = await site.CreateAsync("HumanUser", new JObject { ["login"] = "tester", ["password_proxy"] = "pw", ["sg_status_list"] = "act" });
        var note = await site.CreateAsync("Note", new JObject { ["content"] = "no subject" }, returnFields: ["subject"]);
        var page = await site.CreateAsync("Page", new JObject { ["entity_type"] = "Shot" }, returnFields: ["name"]);
        var shot = await site.CreateAsync("Shot", new JObject());
        var asTester = await site.ResultsAsync("read", new JObject
        {
            ["type"] = "Shot", ["filters"] = new JObject { ["logical_operator"] = "and", ["conditions"] = new JArray() }, ["return_fields"] = new JArray("id"),
        }, new JObject { ["user_login"] = "tester", ["user_password"] = "pw" });

        Assert.Equal("HumanUser", (string?)user["type"]);
        Assert.Equal(JTokenType.Null, note["subject"]!.Type);
        Assert.Equal("Shot", (string?)page["entity_type"]);
        Assert.Equal((int)shot["id"]!, (int)asTester["entities"]![0]!["id"]!);
    }

    [Fact]
    public async Task EventLogEntry_CreateCustomEvent_EveryFieldNotEditableAsOnARealSite_IsLogged()
    {
        await using var site = await TestSite.StartAsync(schemaPath: SchemaLoaderTests.Fixture("site-flags.json"));
        var before = site.Store.LatestEventId;

        var created = await site.CreateAsync("EventLogEntry", new JObject { ["event_type"] = "Toolkit_App_Startup", ["description"] = "started" });

        var logged = site.Store.ReadEvents(before).Single();
        Assert.Equal((int)created["id"]!, (int)logged["id"]!);
        Assert.Equal("Toolkit_App_Startup", (string?)logged["event_type"]);
        Assert.Equal("started", (string?)logged["description"]);
    }

    [Fact]
    public async Task Create_LocalStorage_TheSiteGivesEachAUuid()
    {
        await using var site = await TestSite.StartAsync();

        var first = await site.CreateAsync("LocalStorage", new JObject { ["code"] = "primary" }, returnFields: ["uuid"]);
        var second = await site.CreateAsync("LocalStorage", new JObject { ["code"] = "secondary" }, returnFields: ["uuid"]);

        Assert.True(Guid.TryParse((string?)first["uuid"], out _), $"not a uuid: {first["uuid"]}");
        Assert.NotEqual((string?)first["uuid"], (string?)second["uuid"]);
        var found = await site.ReadAsync("LocalStorage", TestSite.Condition("uuid", "is", (string?)second["uuid"]), ["code"]);
        Assert.Equal("secondary", (string?)Assert.Single(found)["code"]);
    }

    [Fact]
    public async Task Update_ReturnsChangedFieldsAndStoresThem()
    {
        await using var site = await TestSite.StartAsync();
        var id = (int)site.Store.Create("Shot", new JObject { ["code"] = "a" })["id"]!;

        var result = await site.UpdateAsync("Shot", id, new JObject { ["description"] = "Fog", ["sg_cut_in"] = 1010 });

        Assert.Equal(new JObject { ["type"] = "Shot", ["id"] = id, ["description"] = "Fog", ["sg_cut_in"] = 1010 }, result);
        Assert.Equal("Fog", (string?)site.Store.Find("Shot", id)!["description"]);
    }

    [Fact]
    public async Task Update_MultiEntityModes_SetAddRemove()
    {
        await using var site = await TestSite.StartAsync();
        var users = Enumerable.Range(1, 3).Select(i => (int)site.Store.AddHumanUser($"u{i}", $"User {i}", "pw")["id"]!).ToArray();
        var task = (int)site.Store.Create("Task", new JObject { ["content"] = "Anim" })["id"]!;

        await site.UpdateAsync("Task", task, new JObject { ["task_assignees"] = new JArray(TestSite.Link("HumanUser", users[0]), TestSite.Link("HumanUser", users[1])) });
        await site.UpdateAsync("Task", task, new JObject { ["task_assignees"] = new JArray(TestSite.Link("HumanUser", users[2])) }, mode: "add");
        var afterRemove = await site.UpdateAsync("Task", task, new JObject { ["task_assignees"] = new JArray(TestSite.Link("HumanUser", users[0])) }, mode: "remove");

        Assert.Equal([users[1], users[2]], afterRemove["task_assignees"]!.Select(u => (int)u["id"]!));
        Assert.Equal("User 2", (string?)afterRemove["task_assignees"]![0]!["name"]);
    }

    [Fact]
    public async Task Update_MissingEntity_AnswersNotFound()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("update", new JObject
        {
            ["type"] = "Shot", ["id"] = 400000, ["fields"] = new JArray(new JObject { ["field_name"] = "code", ["value"] = "x" }),
        });

        Assert.Equal("API update() Entity of type [Shot] with id=400000 does not exist.", (string?)error["message"]);
    }

    [Fact]
    public async Task DeleteAndRevive_AnswerTrueThenFalse()
    {
        await using var site = await TestSite.StartAsync();
        var id = (int)site.Store.Create("Shot", new JObject { ["code"] = "a" })["id"]!;
        var target = new JObject { ["type"] = "Shot", ["id"] = id };

        Assert.True((bool)await site.ResultsAsync("delete", target));
        Assert.False((bool)await site.ResultsAsync("delete", target));
        Assert.Empty(await site.ReadAsync("Shot"));
        Assert.True((bool)await site.ResultsAsync("revive", target));
        Assert.False((bool)await site.ResultsAsync("revive", target));
        Assert.Single(await site.ReadAsync("Shot"));
    }

    [Fact]
    public async Task Delete_MissingEntity_IsAFault()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("delete", new JObject { ["type"] = "Shot", ["id"] = 9 });

        Assert.Equal("API delete() Entity of type [Shot] with id=9 does not exist.", (string?)error["message"]);
    }

    [Fact]
    public async Task EventLogEntry_CreateCustomEvent_IsLoggedAsSent()
    {
        await using var site = await TestSite.StartAsync();
        var project = (int)site.Store.Create("Project", new JObject { ["name"] = "Demo" })["id"]!;
        var before = site.Store.LatestEventId;

        var created = await site.CreateAsync("EventLogEntry", new JObject
        {
            ["event_type"] = "Toolkit_App_Startup",
            ["project"] = TestSite.Link("Project", project),
            ["meta"] = new JObject { ["app"] = "tk-multi-publish2" },
        }, TestSite.ScriptAuth("0f0e3c1a-1111-2222-3333-444455556666"), ["description", "user", "session_uuid", "created_at"]);

        Assert.Equal(before + 1, (int)created["id"]!);
        Assert.Equal("New Event", (string?)created["description"]);
        Assert.Equal("0f0e3c1a-1111-2222-3333-444455556666", (string?)created["session_uuid"]);
        Assert.Equal("ApiUser", (string?)created["user"]!["type"]);
        var logged = site.Store.ReadEvents(before).Single();
        Assert.Equal("Toolkit_App_Startup", (string?)logged["event_type"]);
        Assert.Equal("tk-multi-publish2", (string?)logged["meta"]!["app"]);
        Assert.Equal("Demo", (string?)logged["project"]!["name"]);
    }

    [Fact]
    public async Task EventLogEntry_UpdateOrDelete_IsRefused()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.Create("Shot", new JObject { ["code"] = "a" });

        var update = await site.FaultAsync("update", new JObject
        {
            ["type"] = "EventLogEntry", ["id"] = 1, ["fields"] = new JArray(new JObject { ["field_name"] = "description", ["value"] = "x" }),
        });
        var delete = await site.FaultAsync("delete", new JObject { ["type"] = "EventLogEntry", ["id"] = 1 });

        Assert.Equal(104, (int)update["error_code"]!);
        Assert.Equal("API delete() Entity of type EventLogEntry can not be deleted by this user.", (string?)delete["message"]);
        Assert.NotNull(site.Store.Find("EventLogEntry", 1));
    }

    [Fact]
    public async Task Batch_AllSucceed_ReturnsOneResultPerRequestInOrder()
    {
        await using var site = await TestSite.StartAsync();
        var existing = (int)site.Store.Create("Shot", new JObject { ["code"] = "old" })["id"]!;

        var results = (JArray)await site.ResultsAsync("batch", new JArray(
            new JObject { ["request_type"] = "create", ["type"] = "Shot", ["fields"] = new JArray(new JObject { ["field_name"] = "code", ["value"] = "new" }) },
            new JObject { ["request_type"] = "update", ["type"] = "Shot", ["id"] = existing, ["fields"] = new JArray(new JObject { ["field_name"] = "code", ["value"] = "renamed" }) },
            new JObject { ["request_type"] = "delete", ["type"] = "Shot", ["id"] = existing }));

        Assert.Equal("new", (string?)results[0]["code"]);
        Assert.Equal("renamed", (string?)results[1]["code"]);
        Assert.True((bool)results[2]);
        Assert.Equal(["new"], (await site.ReadAsync("Shot", fields: ["code"])).Select(s => (string?)s["code"]));
    }

    [Fact]
    public async Task Batch_OneFails_NothingIsAppliedAndNoEventLogged()
    {
        await using var site = await TestSite.StartAsync();
        var existing = (int)site.Store.Create("Shot", new JObject { ["code"] = "old" })["id"]!;
        var before = site.Store.LatestEventId;

        var error = await site.FaultAsync("batch", new JArray(
            new JObject { ["request_type"] = "create", ["type"] = "Shot", ["fields"] = new JArray(new JObject { ["field_name"] = "code", ["value"] = "new" }) },
            new JObject { ["request_type"] = "update", ["type"] = "Shot", ["id"] = existing, ["fields"] = new JArray(new JObject { ["field_name"] = "code", ["value"] = "renamed" }) },
            new JObject { ["request_type"] = "delete", ["type"] = "Shot", ["id"] = existing },
            new JObject { ["request_type"] = "update", ["type"] = "Shot", ["id"] = 999, ["fields"] = new JArray() }));

        Assert.Contains("batch request 3", (string?)error["message"]);
        var shots = await site.ReadAsync("Shot", fields: ["code"]);
        Assert.Equal(["old"], shots.Select(s => (string?)s["code"]));
        Assert.Equal(before, site.Store.LatestEventId);
        Assert.Empty(site.Store.ReadEvents(before));
    }

    [Fact]
    public async Task Summarize_CountsSumsAndGroups()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.Create("Shot", new JObject { ["code"] = "a", ["sg_cut_duration"] = 10, ["sg_status_list"] = "ip" });
        site.Store.Create("Shot", new JObject { ["code"] = "b", ["sg_cut_duration"] = 30, ["sg_status_list"] = "ip" });
        site.Store.Create("Shot", new JObject { ["code"] = "c", ["sg_cut_duration"] = 20, ["sg_status_list"] = "fin" });
        site.Store.Create("Shot", new JObject { ["code"] = "d", ["sg_status_list"] = "fin" });

        var result = await site.ResultsAsync("summarize", new JObject
        {
            ["type"] = "Shot",
            ["filters"] = new JObject { ["logical_operator"] = "and", ["conditions"] = new JArray() },
            ["summaries"] = new JArray(
                new JObject { ["field"] = "id", ["type"] = "record_count" },
                new JObject { ["field"] = "sg_cut_duration", ["type"] = "sum" },
                new JObject { ["field"] = "code", ["type"] = "count" }),
            ["grouping"] = new JArray(new JObject { ["field"] = "sg_status_list", ["type"] = "exact", ["direction"] = "asc" }),
        });

        Assert.Equal(4, (int)result["summaries"]!["id"]!);
        Assert.Equal(60, (int)result["summaries"]!["sg_cut_duration"]!);
        var groups = (JArray)result["groups"]!;
        Assert.Equal(["fin", "ip"], groups.Select(g => (string?)g["group_name"]));
        Assert.Equal(2, (int)groups[0]["summaries"]!["id"]!);
        Assert.Equal(20, (int)groups[0]["summaries"]!["sg_cut_duration"]!);
        Assert.Equal(40, (int)groups[1]["summaries"]!["sg_cut_duration"]!);
    }

    [Fact]
    public async Task Summarize_MaxMinAverageWithFilterAndNestedGrouping()
    {
        await using var site = await TestSite.StartAsync();
        var seq = (int)site.Store.Create("Sequence", new JObject { ["code"] = "s1" })["id"]!;
        site.Store.Create("Shot", new JObject { ["code"] = "a", ["sg_cut_in"] = 1001, ["sg_sequence"] = TestSite.Link("Sequence", seq), ["sg_status_list"] = "ip" });
        site.Store.Create("Shot", new JObject { ["code"] = "b", ["sg_cut_in"] = 1009, ["sg_sequence"] = TestSite.Link("Sequence", seq), ["sg_status_list"] = "fin" });
        site.Store.Create("Shot", new JObject { ["code"] = "x", ["sg_cut_in"] = 5000 });

        var result = await site.ResultsAsync("summarize", new JObject
        {
            ["type"] = "Shot",
            ["filters"] = TestSite.Condition("sg_sequence", "is", TestSite.Link("Sequence", seq)),
            ["summaries"] = new JArray(
                new JObject { ["field"] = "sg_cut_in", ["type"] = "maximum" },
                new JObject { ["field"] = "id", ["type"] = "record_count" }),
            ["grouping"] = new JArray(
                new JObject { ["field"] = "sg_sequence", ["type"] = "exact", ["direction"] = "asc" },
                new JObject { ["field"] = "sg_status_list", ["type"] = "exact", ["direction"] = "desc" }),
        });

        Assert.Equal(1009, (int)result["summaries"]!["sg_cut_in"]!);
        var group = result["groups"]!.Single();
        Assert.Equal("s1", (string?)group["group_name"]);
        Assert.Equal(seq, (int)group["group_value"]!["id"]!);
        Assert.Equal(["ip", "fin"], group["groups"]!.Select(g => (string?)g["group_value"]));

        var average = await site.ResultsAsync("summarize", new JObject
        {
            ["type"] = "Shot", ["filters"] = new JObject(),
            ["summaries"] = new JArray(new JObject { ["field"] = "sg_cut_in", ["type"] = "average" }, new JObject { ["field"] = "code", ["type"] = "count" }),
        });
        Assert.Equal((1001 + 1009 + 5000) / 3.0, (double)average["summaries"]!["sg_cut_in"]!, 6);
        Assert.Equal(3, (int)average["summaries"]!["code"]!);
    }

    [Fact]
    public async Task Summarize_UnknownType_ListsTheValidOnes()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("summarize", new JObject
        {
            ["type"] = "Shot", ["filters"] = new JObject(), ["summaries"] = new JArray(new JObject { ["field"] = "id", ["type"] = "median" }),
        });

        Assert.Contains("record_count", (string?)error["message"]);
    }
}
