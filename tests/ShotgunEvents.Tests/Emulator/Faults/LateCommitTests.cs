using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Faults;

/// <summary>The gaps of protocol §5.1: late-commit ids that fill in later, and burned ids that never do.</summary>
public sealed class LateCommitTests
{
    [Fact]
    public async Task DelayNextEvents_HidesTheIdsUntilTheDelay_LaterIdsShowFirst()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        site.Server.Faults.DelayNextEvents(2, TimeSpan.FromMinutes(6));

        await site.CreateAsync("Shot", new JObject { ["code"] = "late", ["description"] = "d" });
        var early = await site.EventsAfterAsync(0);

        Assert.Equal([3, 4], early.Select(e => (int)e["id"]!));
        Assert.Empty(await site.ReadAsync("EventLogEntry", TestSite.Condition("id", "in", 1, 2)));
        Assert.Equal(4, site.Store.LatestEventId);
        Assert.Equal(2, site.Store.EventCount);

        site.Time!.Advance(TimeSpan.FromMinutes(6) - TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await site.EventsAfterAsync(0)).Count);

        site.Time.Advance(TimeSpan.FromSeconds(1));
        var filled = await site.EventsAfterAsync(0);
        Assert.Equal([1, 2, 3, 4], filled.Select(e => (int)e["id"]!));
        // created_at is the write's time: the late rows arrive already six minutes old.
        Assert.Equal("2025-03-14T09:30:00Z", (string?)filled[0]["created_at"]);
        Assert.Equal("Shotgun_Shot_New", (string?)filled[0]["event_type"]);
        Assert.Equal(4, site.Store.EventCount);
    }

    [Fact]
    public async Task DelayNextEvents_AppliesToWhicheverWritesComeNext()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        site.Store.SeedEvents(10);
        site.Server.Faults.DelayNextEvents(1, TimeSpan.FromSeconds(30));

        var first = site.Store.Create("Asset", new JObject { ["code"] = "a" });
        var visible = site.Store.ReadEvents(10).Select(e => (int)e["id"]!).ToList();

        Assert.Equal([12, 13], visible);
        site.Time!.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([11, 12, 13], site.Store.ReadEvents(10).Select(e => (int)e["id"]!));
        Assert.Equal((int)first["id"]!, (int)site.Store.ReadEvents(10)[0]["meta"]!["entity_id"]!);
    }

    [Fact]
    public async Task BurnIds_LeaveAPermanentGap()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        site.Store.Create("Shot", new JObject { ["code"] = "a" });
        var before = site.Store.LatestEventId;

        site.Server.Faults.BurnIds(3);
        site.Store.Create("Shot", new JObject { ["code"] = "b" });
        site.Time!.Advance(TimeSpan.FromDays(1));
        var ids = (await site.EventsAfterAsync(before)).Select(e => (int)e["id"]!).ToList();

        Assert.Equal(before + 4, ids[0]);
        Assert.Equal(Enumerable.Range(before + 4, ids.Count), ids);
        Assert.Empty(await site.ReadAsync("EventLogEntry", TestSite.Condition("id", "between", before + 1, before + 3)));
    }

    [Fact]
    public async Task LatestEventId_SkipsHiddenIdsAtTheHead()
    {
        await using var site = await TestSite.StartAsync(fakeTime: true);
        site.Store.SeedEvents(5);
        site.Server.Faults.DelayNextEvents(10, TimeSpan.FromMinutes(1));

        site.Store.Create("Shot", new JObject { ["code"] = "hidden" });

        Assert.Equal(5, site.Store.LatestEventId);
        var head = await site.ReadAsync("EventLogEntry", fields: ["id"], sorts: new JArray(new JObject { ["field_name"] = "id", ["direction"] = "desc" }), perPage: 1);
        Assert.Equal(5, (int)head.Single()["id"]!);
    }
}
