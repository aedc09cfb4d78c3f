using ShotgunEvents.Api;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>Reads and paging (protocol §2.5) against a seeded emulator over loopback.</summary>
public sealed class ShotgunClientReadTests : IClassFixture<ShotgunClientReadTests.SeededLog>
{
    private static readonly string[] EventFields = ["event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at"];

    private readonly SeededLog _log;

    public ShotgunClientReadTests(SeededLog log) => _log = log;

    [Fact]
    public async Task FindAsync_NoLimit_ReadsEveryPageInIdOrder()
    {
        var site = _log.Site;
        var before = site.Faults.CallCount;

        var all = await site.Client.FindAsync("EventLogEntry", Filter.GreaterThan("id", 0), EventFields,
            new FindOptions { Order = [SortOrder.Asc("id")] });

        Assert.Equal(site.Server.Store.EventCount, all.Count);
        Assert.True(all.Count > 1200, $"seeded {all.Count}");
        Assert.Equal(all.Select(e => e.Id).Order(), all.Select(e => e.Id));
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal((all.Count + 499) / 500, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task FindAsync_LimitAbovePageSize_ReadsTwoPagesAndStopsAtTheLimit()
    {
        var site = _log.Site;
        var before = site.Faults.CallCount;

        var rows = await site.Client.FindAsync("EventLogEntry", null, ["id"], new FindOptions { Limit = 700 });

        Assert.Equal(700, rows.Count);
        Assert.Equal(2, site.Faults.CallCount - before);
        Assert.Equal(_log.FirstIds.Take(700), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task FindAsync_Page_ReadsOnlyThatPage()
    {
        var site = _log.Site;
        var before = site.Faults.CallCount;

        var rows = await site.Client.FindAsync("EventLogEntry", null, ["id"], new FindOptions { Page = 2 });

        Assert.Equal(_log.FirstIds.Skip(500).Take(500), rows.Select(r => r.Id));
        Assert.Equal(1, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task FindAsync_SmallLimitDescending_ReadsTheNewestInOneCall()
    {
        var site = _log.Site;
        var before = site.Faults.CallCount;

        var rows = await site.Client.FindAsync("EventLogEntry", null, ["id"], new FindOptions { Limit = 10, Order = [SortOrder.Desc("id")] });

        Assert.Equal(Enumerable.Range(0, 10).Select(i => site.Server.Store.LatestEventId - i), rows.Select(r => r.Id));
        Assert.Equal(1, site.Faults.CallCount - before);
    }

    [Fact]
    public async Task FindOneAsync_NewestEvent_HasUtcWireDatesAndTypedHelpers()
    {
        var site = _log.Site;

        var head = await site.Client.FindOneAsync("EventLogEntry", null, new FindOptions { Order = [SortOrder.Desc("id")] }, EventFields);

        Assert.Equal(site.Server.Store.LatestEventId, head!.Id);
        Assert.Equal("EventLogEntry", head.Type);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", head.Get<string>("created_at"));
        Assert.Equal(TimeSpan.Zero, head.Get<DateTimeOffset>("created_at").Offset);
        Assert.StartsWith("Shotgun_", head.Get<string>("event_type") ?? "Shotgun_custom");
    }

    [Fact]
    public async Task FindOneAsync_NoMatch_ReturnsNull()
    {
        Assert.Null(await _log.Site.Client.FindOneAsync("Shot", Filter.Is("code", "no-such-shot")));
    }

    [Fact]
    public async Task FindAsync_RetiredOnly_ReadsOnlyRetiredRows()
    {
        var sg = _log.Site.Client;
        var kept = await sg.CreateAsync("Shot", new { code = "retire_test_kept" });
        var gone = await sg.CreateAsync("Shot", new { code = "retire_test_gone" });
        await sg.DeleteAsync("Shot", gone.Id);
        var filter = Filter.StartsWith("code", "retire_test");

        var active = await sg.FindAsync("Shot", filter, "code");
        var retired = await sg.FindAsync("Shot", filter, new FindOptions { RetiredOnly = true }, "code");

        Assert.Equal([kept.Id], active.Select(e => e.Id));
        Assert.Equal([gone.Id], retired.Select(e => e.Id));
    }

    [Fact]
    public async Task FindAsync_BadOptions_ThrowBeforeSending()
    {
        var site = _log.Site;
        var before = site.Faults.CallCount;

        var limit = await Assert.ThrowsAsync<ArgumentException>(() => site.Client.FindAsync("Shot", null, new FindOptions { Limit = -1 }));
        var page = await Assert.ThrowsAsync<ArgumentException>(() => site.Client.FindAsync("Shot", null, new FindOptions { Page = -2 }));
        var type = await Assert.ThrowsAsync<ArgumentException>(() => site.Client.FindAsync(" ", null));

        Assert.Contains("Limit must be 0", limit.Message);
        Assert.Contains("Page must be 0", page.Message);
        Assert.Contains("entity type is empty", type.Message);
        Assert.Equal(before, site.Faults.CallCount);
    }

    /// <summary>An emulator with 1,200 seeded events (and whatever the seeder creates first).</summary>
    public sealed class SeededLog : IAsyncLifetime
    {
        internal EmulatorSite Site { get; private set; } = null!;

        public IReadOnlyList<int> FirstIds { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Site = await EmulatorSite.StartAsync();
            Site.Server.Store.SeedEvents(1200);
            FirstIds = Site.Server.Store.ReadEvents(0, 1000).Select(e => e.Value<int>("id")).ToArray();
            await Site.WarmUpAsync();
        }

        public async Task DisposeAsync() => await Site.DisposeAsync();
    }
}
