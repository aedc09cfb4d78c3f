using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Emulator.Query.Summaries;

/// <summary>
/// Every grouping type of the Python API's <c>summarize()</c> docstring, sent by our client to the emulator over
/// loopback. Each case creates its own Shots and expects groups worked out by hand, as <c>group_name:record_count</c>
/// in the order sent (the empty group, for rows without a value, sorts first).
/// </summary>
public sealed class GroupingTypesTests : IAsyncLifetime
{
    private SummarizeSite _site = null!;

    public async Task InitializeAsync() => _site = await SummarizeSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Exact_GroupsByValue_InTheDirectionAsked()
    {
        await _site.SeedShotsAsync();

        Assert.Equal("fin:2|ip:1|wtg:1", await _site.GroupsAsync("sg_status_list", "exact"));
        Assert.Equal("wtg:1|ip:1|fin:2", await _site.GroupsAsync("sg_status_list", "exact", descending: true));
    }

    [Theory]
    [InlineData("tens", ":1|0 - 9:1|20 - 29:1|1230 - 1239:1|56780 - 56789:1|123450 - 123459:1|2500000 - 2500009:1")]
    [InlineData("hundreds", ":1|0 - 99:2|1200 - 1299:1|56700 - 56799:1|123400 - 123499:1|2500000 - 2500099:1")]
    [InlineData("thousands", ":1|0 - 999:2|1000 - 1999:1|56000 - 56999:1|123000 - 123999:1|2500000 - 2500999:1")]
    [InlineData("tensofthousands", ":1|0 - 9999:3|50000 - 59999:1|120000 - 129999:1|2500000 - 2509999:1")]
    [InlineData("hundredsofthousands", ":1|0 - 99999:4|100000 - 199999:1|2500000 - 2599999:1")]
    [InlineData("millions", ":1|0 - 999999:5|2000000 - 2999999:1")]
    public async Task NumberBuckets_GroupByTheBucketHoldingTheNumber(string grouping, string expected)
    {
        foreach (var cutIn in new int?[] { 7, 25, 1234, 56789, 123456, 2500000, null })
        {
            await _site.Sg.CreateAsync("Shot", new { code = $"cut_{cutIn}", sg_cut_in = cutIn });
        }

        Assert.Equal(expected, await _site.GroupsAsync("sg_cut_in", grouping));
    }

    [Theory]
    [InlineData("day", "2024-12-31:1|2025-03-10:1|2025-03-13:1|2025-03-14:1|2025-03-15:1|2025-03-16:1|2025-04-01:1")]
    [InlineData("oneday", "2024-12-31:1|2025-03-10:1|2025-03-13:1|2025-03-14:1|2025-03-15:1|2025-03-16:1|2025-04-01:1")]
    [InlineData("week", "2024-12-30:1|2025-03-10:5|2025-03-31:1")]
    [InlineData("month", "2024-12:1|2025-03:5|2025-04:1")]
    [InlineData("quarter", "2024 Q4:1|2025 Q1:5|2025 Q2:1")]
    [InlineData("year", "2024:1|2025:6")]
    [InlineData("fivedays", "2024-12-28 - 2025-01-01:1|2025-03-08 - 2025-03-12:1|2025-03-13 - 2025-03-17:4|2025-03-28 - 2025-04-01:1")]
    [InlineData("clustered_date", "Earlier:1|Last 7 Days:1|Yesterday:1|Today:1|Tomorrow:1|Next 7 Days:1|Later:1")]
    public async Task DateGroupings_GroupByTheCalendarBucket(string grouping, string expected)
    {
        // The site's today is Friday 2025-03-14; 2025-03-10 is the Monday of its week.
        foreach (var due in new[] { "2025-03-14", "2025-04-01", "2024-12-31", "2025-03-10", "2025-03-13", "2025-03-15", "2025-03-16" })
        {
            await _site.Sg.CreateAsync("Shot", new { code = $"due_{due}", sg_due_date = due });
        }

        Assert.Equal(expected, await _site.GroupsAsync("sg_due_date", grouping));
    }

    [Fact]
    public async Task Week_OnADateTimeField_GroupsByTheUtcDay()
    {
        await _site.Sg.CreateAsync("Shot", new { code = "sun_late", sg_last_published_at = "2025-03-16T23:59:59Z" });
        await _site.Sg.CreateAsync("Shot", new { code = "mon_early", sg_last_published_at = "2025-03-17T00:00:00Z" });

        Assert.Equal("2025-03-10:1|2025-03-17:1", await _site.GroupsAsync("sg_last_published_at", "week"));
    }

    [Fact]
    public async Task EntityType_GroupsLinksByTheirType()
    {
        var shot = (await _site.Sg.CreateAsync("Shot", new { code = "s" })).ToRef();
        var asset = (await _site.Sg.CreateAsync("Asset", new { code = "a" })).ToRef();
        await _site.Sg.CreateAsync("Version", new { code = "v1", entity = shot });
        await _site.Sg.CreateAsync("Version", new { code = "v2", entity = shot });
        await _site.Sg.CreateAsync("Version", new { code = "v3", entity = asset });
        await _site.Sg.CreateAsync("Version", new { code = "v4" });

        Assert.Equal(":1|Asset:1|Shot:2", await _site.GroupsAsync("entity", "entitytype", entityType: "Version"));
    }

    [Fact]
    public async Task FirstLetter_GroupsByTheFirstLetterWithoutCase()
    {
        await _site.SeedShotsAsync();

        Assert.Equal("A:1|B:2|G:1", await _site.GroupsAsync("code", "firstletter"));
        Assert.Equal("G:1|B:2|A:1", await _site.GroupsAsync("code", "firstletter", descending: true));
    }

    [Fact]
    public async Task Exact_OnAMultiEntityField_PutsARowInTheGroupOfEachLink()
    {
        var buck = (await _site.Sg.CreateAsync("Asset", new { code = "Buck" })).ToRef();
        var bunny = (await _site.Sg.CreateAsync("Asset", new { code = "Bunny" })).ToRef();
        await _site.Sg.CreateAsync("Shot", new { code = "both", assets = new[] { buck, bunny } });
        await _site.Sg.CreateAsync("Shot", new { code = "buck_only", assets = new[] { buck } });
        await _site.Sg.CreateAsync("Shot", new { code = "none" });

        Assert.Equal(":1|Buck:2|Bunny:1", await _site.GroupsAsync("assets", "exact"));
    }

    [Fact]
    public async Task Exact_OnALink_GroupsByTheRecordNamedByItsDisplayName()
    {
        var seq = (await _site.Sg.CreateAsync("Sequence", new { code = "seq010" })).ToRef();
        await _site.Sg.CreateAsync("Shot", new { code = "a", sg_sequence = seq });
        await _site.Sg.CreateAsync("Shot", new { code = "b", sg_sequence = seq });

        var result = await _site.Sg.SummarizeAsync("Shot", null, [new SummaryField("id", "record_count")], [new SummaryGrouping("sg_sequence")]);

        var group = result["groups"]!.Single();
        Assert.Equal("seq010", (string?)group["group_name"]);
        Assert.Equal("Sequence", (string?)group["group_value"]!["type"]);
        Assert.Equal(seq.Id, (int)group["group_value"]!["id"]!);
        Assert.Equal(2, (int)group["summaries"]!["id"]!);
    }
}
