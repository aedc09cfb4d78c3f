using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class ReadMethodTests
{
    [Fact]
    public async Task Read_SeveralPages_HasNextPageUntilTheLastAndNoOverlap()
    {
        await using var site = await TestSite.StartAsync();
        for (var i = 1; i <= 12; i++)
        {
            site.Store.Create("Shot", new JObject { ["code"] = $"sh{i:000}" });
        }

        var seen = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            var results = await site.ReadPageAsync("Shot", fields: ["code"], perPage: 5, page: page);
            var ids = results["entities"]!.Select(e => (int)e["id"]!).ToList();
            seen.AddRange(ids);
            Assert.Equal(page < 3, (bool)results["paging_info"]!["has_next_page"]!);
            Assert.Equal(page < 3 ? 5 : 2, ids.Count);
        }

        Assert.Equal(Enumerable.Range(1, 12), seen);
        var past = await site.ReadPageAsync("Shot", perPage: 5, page: 4);
        Assert.Empty((JArray)past["entities"]!);
        Assert.False((bool)past["paging_info"]!["has_next_page"]!);
    }

    [Fact]
    public async Task Read_PageSizeAbove500_IsCappedAt500()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.SeedEvents(700);

        var results = await site.ReadPageAsync("EventLogEntry", perPage: 2000);

        Assert.Equal(500, ((JArray)results["entities"]!).Count);
        Assert.True((bool)results["paging_info"]!["has_next_page"]!);
    }

    [Fact]
    public async Task Read_ReturnPagingInfo_CountsEveryMatch()
    {
        await using var site = await TestSite.StartAsync();
        for (var i = 0; i < 7; i++)
        {
            site.Store.Create("Asset", new JObject { ["code"] = $"a{i}" });
        }

        var parameters = new JObject
        {
            ["type"] = "Asset", ["filters"] = new JObject { ["logical_operator"] = "and", ["conditions"] = new JArray() },
            ["return_fields"] = new JArray("code"), ["paging"] = new JObject { ["entities_per_page"] = 3, ["current_page"] = 1 },
            ["return_paging_info"] = true,
        };
        var results = await site.ResultsAsync("read", parameters);

        Assert.Equal(7, (int)results["paging_info"]!["entity_count"]!);
        Assert.True((bool)results["paging_info"]!["has_next_page"]!);
    }

    [Fact]
    public async Task Read_SortsOnSeveralKeys_FirstKeyFirst()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.Create("Shot", new JObject { ["code"] = "b", ["sg_cut_in"] = 10 });
        site.Store.Create("Shot", new JObject { ["code"] = "a", ["sg_cut_in"] = 20 });
        site.Store.Create("Shot", new JObject { ["code"] = "c", ["sg_cut_in"] = 10 });
        site.Store.Create("Shot", new JObject { ["code"] = "A2", ["sg_cut_in"] = 20 });

        var sorts = new JArray(
            new JObject { ["field_name"] = "sg_cut_in", ["direction"] = "desc" },
            new JObject { ["field_name"] = "code", ["direction"] = "asc" });
        var shots = await site.ReadAsync("Shot", fields: ["code"], sorts: sorts);

        Assert.Equal(["a", "A2", "b", "c"], shots.Select(s => (string?)s["code"]));
    }

    [Fact]
    public async Task Read_SortByColumnAlias_AndByEntityName()
    {
        await using var site = await TestSite.StartAsync();
        var seqB = (int)site.Store.Create("Sequence", new JObject { ["code"] = "B_seq" })["id"]!;
        var seqA = (int)site.Store.Create("Sequence", new JObject { ["code"] = "A_seq" })["id"]!;
        site.Store.Create("Shot", new JObject { ["code"] = "s1", ["sg_sequence"] = TestSite.Link("Sequence", seqB) });
        site.Store.Create("Shot", new JObject { ["code"] = "s2", ["sg_sequence"] = TestSite.Link("Sequence", seqA) });

        var shots = await site.ReadAsync("Shot", fields: ["code"], sorts: new JArray(new JObject { ["column"] = "sg_sequence", ["direction"] = "asc" }));

        Assert.Equal(["s2", "s1"], shots.Select(s => (string?)s["code"]));
    }

    [Fact]
    public async Task Read_DeepLinkReturnField_ComesBackUnderItsLiteralName()
    {
        await using var site = await TestSite.StartAsync();
        var seq = (int)site.Store.Create("Sequence", new JObject { ["code"] = "seq010" })["id"]!;
        var shot = (int)site.Store.Create("Shot", new JObject { ["code"] = "seq010_0010", ["sg_sequence"] = TestSite.Link("Sequence", seq) })["id"]!;
        site.Store.Create("Task", new JObject { ["content"] = "Anim", ["entity"] = TestSite.Link("Shot", shot) });
        site.Store.Create("Task", new JObject { ["content"] = "Model" });

        var tasks = await site.ReadAsync("Task", fields: ["content", "entity.Shot.code", "entity.Shot.sg_sequence.Sequence.code", "entity"],
            sorts: new JArray(new JObject { ["field_name"] = "id", ["direction"] = "asc" }));

        Assert.Equal("seq010_0010", (string?)tasks[0]["entity.Shot.code"]);
        Assert.Equal("seq010", (string?)tasks[0]["entity.Shot.sg_sequence.Sequence.code"]);
        Assert.Equal(new JObject { ["type"] = "Shot", ["id"] = shot, ["name"] = "seq010_0010" }, tasks[0]["entity"]);
        Assert.Equal(JTokenType.Null, tasks[1]["entity.Shot.code"]!.Type);
    }

    [Fact]
    public async Task Read_EventsWithDeepLink_ReturnAndFilterThroughTheEntity()
    {
        await using var site = await TestSite.StartAsync();
        var shot = (int)site.Store.Create("Shot", new JObject { ["code"] = "bunny_010_0010" })["id"]!;
        site.Store.Create("Asset", new JObject { ["code"] = "Buck" });
        site.Store.Update("Shot", shot, new JObject { ["sg_status_list"] = "ip" });

        var events = await site.ReadAsync("EventLogEntry", TestSite.Condition("entity.Shot.code", "is", "BUNNY_010_0010"), ["event_type", "entity.Shot.code", "entity.Shot.sg_status_list"]);

        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal("bunny_010_0010", (string?)e["entity.Shot.code"]));
        Assert.All(events, e => Assert.Equal("ip", (string?)e["entity.Shot.sg_status_list"]));
    }

    [Fact]
    public async Task Read_WireFormat_KeepsFloatsAndDatesAsASiteSendsThem()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.Create("Shot", new JObject { ["code"] = "s", ["sg_frame_rate"] = 24, ["sg_last_published_at"] = "2025-03-14T10:11:12+02:00", ["sg_due_date"] = "2025-03-20" });
        var body = new JObject
        {
            ["method_name"] = "read",
            ["params"] = new JArray(TestSite.ScriptAuth(), new JObject
            {
                ["type"] = "Shot", ["filters"] = new JObject(), ["return_fields"] = new JArray("sg_frame_rate", "sg_last_published_at", "sg_due_date"),
            }),
        };

        using var response = await site.PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"sg_frame_rate\":24.0", text);
        Assert.Contains("\"sg_last_published_at\":\"2025-03-14T08:11:12Z\"", text);
        Assert.Contains("\"sg_due_date\":\"2025-03-20\"", text);
    }

    [Fact]
    public async Task Read_DefaultReturnFields_AreTypeAndId()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.Create("Shot", new JObject { ["code"] = "x" });

        var results = await site.ResultsAsync("read", new JObject { ["type"] = "Shot", ["filters"] = new JObject() });

        var shot = (JObject)results["entities"]![0]!;
        Assert.Equal(["type", "id"], shot.Properties().Select(p => p.Name));
    }

    [Fact]
    public async Task Read_ReturnOnlyRetired_SeesOnlyRetiredRows()
    {
        await using var site = await TestSite.StartAsync();
        var keep = (int)site.Store.Create("Shot", new JObject { ["code"] = "keep" })["id"]!;
        var gone = (int)site.Store.Create("Shot", new JObject { ["code"] = "gone" })["id"]!;
        site.Store.Delete("Shot", gone);

        var active = await site.ReadAsync("Shot", returnOnly: "active");
        var retired = await site.ReadAsync("Shot", returnOnly: "retired");

        Assert.Equal([keep], active.Select(s => (int)s["id"]!));
        Assert.Equal([gone], retired.Select(s => (int)s["id"]!));
    }

    [Fact]
    public async Task Read_UnknownReturnField_AnswersTheSiteText()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("read", new JObject { ["type"] = "Shot", ["filters"] = new JObject(), ["return_fields"] = new JArray("code", "foo") });

        Assert.Equal("API read() Shot.foo doesn't exist.", (string?)error["message"]);
    }

    [Fact]
    public async Task Read_UnknownFilterField_AnswersTheSiteText()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("read", new JObject
        {
            ["type"] = "Shot", ["filters"] = TestSite.Condition("foo", "is", "x"), ["return_fields"] = new JArray("id"),
        });

        Assert.Equal("API read() Shot.foo doesn't exist.", (string?)error["message"]);
    }

    [Fact]
    public async Task Read_BadDeepLink_AnswersDoesNotExist()
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("read", new JObject
        {
            ["type"] = "Task", ["filters"] = new JObject(), ["return_fields"] = new JArray("entity.Spaceship.code"),
        });

        Assert.Equal("API read() Task.entity.Spaceship.code doesn't exist.", (string?)error["message"]);
    }

    [Fact]
    public async Task Read_EventsAfterId_ReturnsOnlyLaterIdsInOrder()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.SeedEvents(3000);

        var events = await site.ReadAsync("EventLogEntry", TestSite.Condition("id", "greater_than", 2500), ["event_type"],
            new JArray(new JObject { ["field_name"] = "id", ["direction"] = "asc" }));

        Assert.Equal(Enumerable.Range(2501, 500), events.Select(e => (int)e["id"]!));
    }

    [Fact]
    public async Task Read_EventsNewestFirst_FindsTheHead()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.SeedEvents(1200);

        var events = await site.ReadAsync("EventLogEntry", fields: ["id"], sorts: new JArray(new JObject { ["field_name"] = "id", ["direction"] = "desc" }), perPage: 1);

        Assert.Equal(1200, (int)events.Single()["id"]!);
    }

    [Fact]
    public async Task Read_EventsSortedByOtherField_StillFiltersAndPages()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.SeedEvents(300);

        var events = await site.ReadAsync("EventLogEntry", TestSite.Condition("id", "less_than", 101), ["event_type"],
            new JArray(new JObject { ["field_name"] = "event_type", ["direction"] = "asc" }, new JObject { ["field_name"] = "id", ["direction"] = "desc" }), perPage: 500);

        Assert.Equal(100, events.Count);
        var types = events.Select(e => (string)e["event_type"]!).ToList();
        Assert.Equal(types.Order(StringComparer.OrdinalIgnoreCase), types);
    }

    [Fact]
    public async Task Read_EventMetaAsSortKey_IsIgnored()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.SeedEvents(10);

        var events = await site.ReadAsync("EventLogEntry", fields: ["id"], sorts: new JArray(new JObject { ["field_name"] = "meta", ["direction"] = "desc" }));

        Assert.Equal(Enumerable.Range(1, 10), events.Select(e => (int)e["id"]!));
    }

    [Fact]
    public async Task Read_ExcludingArchivedProjects_HidesTheirEntities()
    {
        await using var site = await TestSite.StartAsync();
        var live = (int)site.Store.Create("Project", new JObject { ["name"] = "Live" })["id"]!;
        var old = (int)site.Store.Create("Project", new JObject { ["name"] = "Old", ["archived"] = true })["id"]!;
        site.Store.Create("Shot", new JObject { ["code"] = "live", ["project"] = TestSite.Link("Project", live) });
        site.Store.Create("Shot", new JObject { ["code"] = "old", ["project"] = TestSite.Link("Project", old) });

        var results = await site.ResultsAsync("read", new JObject
        {
            ["type"] = "Shot", ["filters"] = new JObject(), ["return_fields"] = new JArray("code"), ["include_archived_projects"] = false,
        });

        Assert.Equal(["live"], results["entities"]!.Select(e => (string?)e["code"]));
    }
}
