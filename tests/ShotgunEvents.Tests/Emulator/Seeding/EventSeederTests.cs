using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Seeding;

public sealed class EventSeederTests
{
    [Fact]
    public async Task SeedEvents_100k_AppendsThatManyInIdOrder()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);

        var last = site.Store.SeedEvents(100_000);

        Assert.Equal(100_000, last);
        Assert.Equal(100_000, site.Store.EventCount);
        Assert.Equal(100_000, site.Store.LatestEventId);
        var tail = await site.EventsAfterAsync(99_500);
        Assert.Equal(Enumerable.Range(99_501, 500), tail.Select(e => (int)e["id"]!));
        var createdAt = tail.Select(e => (string)e["created_at"]!).ToList();
        Assert.Equal(createdAt.Order(StringComparer.Ordinal), createdAt);
        Assert.True(string.CompareOrdinal(createdAt[^1], "2025-03-14T09:30:00Z") <= 0);
    }

    [Fact]
    public async Task SeedEvents_RowsAreRealistic()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        site.Store.SeedEvents(3000);

        var events = new List<JToken>();
        for (var after = 0; after < 3000; after += 500)
        {
            events.AddRange(await site.EventsAfterAsync(after));
        }

        var types = events.Select(e => (string)e["event_type"]!).ToHashSet();
        Assert.Contains("Shotgun_Task_Change", types);
        Assert.Contains("Toolkit_App_Startup", types);
        Assert.Contains(types, t => t.EndsWith("_New", StringComparison.Ordinal));
        Assert.Contains("Shotgun_Shot_Retirement", types);
        foreach (var change in events.Where(e => ((string)e["event_type"]!).StartsWith("Shotgun_", StringComparison.Ordinal)))
        {
            var meta = change["meta"]!;
            Assert.Equal((int?)meta["entity_id"], change["entity"]!.Type == JTokenType.Null ? (int?)meta["entity_id"] : (int)change["entity"]!["id"]!);
            Assert.NotNull((string?)meta["type"]);
            Assert.NotNull((string?)change["description"]);
            Assert.DoesNotContain("{user}", (string?)change["description"]);
        }

        var statusChange = events.First(e => (string?)e["attribute_name"] == "sg_status_list" && !(bool)e["meta"]!["in_create"]!);
        Assert.Equal("status_list", (string?)statusChange["meta"]!["field_data_type"]);
        Assert.NotEqual((string?)statusChange["meta"]!["old_value"], (string?)statusChange["meta"]!["new_value"]);
        var retirement = events.First(e => (string?)e["event_type"] == "Shotgun_Shot_Retirement");
        Assert.Equal(JTokenType.Null, retirement["entity"]!.Type);
        Assert.Contains(" UTC", (string?)retirement["meta"]!["retirement_date"]);
        Assert.Contains(events, e => e["user"]!["type"]!.ToString() == "HumanUser" && e["session_uuid"]!.Type == JTokenType.String);
        Assert.Contains(events, e => e["user"]!["type"]!.ToString() == "ApiUser" && e["session_uuid"]!.Type == JTokenType.Null);
    }

    [Fact]
    public async Task SeedEvents_AfterRealWrites_ContinuesTheSequence()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.Create("Shot", new JObject { ["code"] = "real" });
        var before = site.Store.LatestEventId;

        var last = site.Store.SeedEvents(10);

        Assert.Equal(before + 10, last);
        Assert.Equal(Enumerable.Range(before + 1, 10), site.Store.ReadEvents(before).Select(e => (int)e["id"]!));
    }

    [Fact]
    public async Task SeedEvents_FiltersOnSeededRowsWork()
    {
        await using var site = await TestSite.StartAsync();
        site.Store.SeedEvents(2000);

        var filters = new JObject
        {
            ["logical_operator"] = "and",
            ["conditions"] = new JArray(
                new JObject { ["path"] = "event_type", ["relation"] = "is", ["values"] = new JArray("Shotgun_Task_Change") },
                new JObject { ["path"] = "entity", ["relation"] = "type_is", ["values"] = new JArray("Task") },
                new JObject { ["path"] = "id", ["relation"] = "greater_than", ["values"] = new JArray(1000) }),
        };
        var rows = await site.ReadAsync("EventLogEntry", filters, ["event_type", "entity"]);

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Equal("Shotgun_Task_Change", (string?)r["event_type"]);
            Assert.True((int)r["id"]! > 1000);
        });
    }
}
