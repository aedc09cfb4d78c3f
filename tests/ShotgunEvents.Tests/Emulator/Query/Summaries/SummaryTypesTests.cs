using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Tests.Emulator.Query.Summaries;

/// <summary>
/// Every summary type of the Python API's <c>summarize()</c> docstring, sent by our client to the emulator over
/// loopback, checked against values worked out by hand from the four Shots of <see cref="SummarizeSite.SeedShotsAsync"/>.
/// </summary>
public sealed class SummaryTypesTests : IAsyncLifetime
{
    private SummarizeSite _site = null!;

    public async Task InitializeAsync()
    {
        _site = await SummarizeSite.StartAsync();
        await _site.SeedShotsAsync();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task RecordCount_CountsEveryRow() => Assert.Equal(4, (int)await _site.TotalAsync("sg_cut_in", "record_count"));

    [Fact]
    public async Task Count_CountsRowsWithAValue() => Assert.Equal(3, (int)await _site.TotalAsync("sg_cut_in", "count"));

    [Fact]
    public async Task Sum_AddsTheNumbersAsAnInteger()
    {
        var sum = await _site.TotalAsync("sg_cut_in", "sum");

        Assert.Equal(JTokenType.Integer, sum.Type);
        Assert.Equal(10 + 25 + 1234, (int)sum);
    }

    [Fact]
    public async Task Maximum_IsTheHighestNumber() => Assert.Equal(1234, (int)await _site.TotalAsync("sg_cut_in", "maximum"));

    [Fact]
    public async Task Minimum_IsTheLowestNumber_NegativesIncluded() => Assert.Equal(-0.5, (double)await _site.TotalAsync("sg_frame_rate", "minimum"));

    [Fact]
    public async Task Average_IgnoresRowsWithoutAValue()
    {
        Assert.Equal(1269 / 3.0, (double)await _site.TotalAsync("sg_cut_in", "average"), 6);
        Assert.Equal((1.5 + 2.25 - 0.5) / 3, (double)await _site.TotalAsync("sg_frame_rate", "average"), 6);
    }

    [Fact]
    public async Task Earliest_IsTheOldestDateAsStored()
    {
        Assert.Equal("2025-01-02", (string?)await _site.TotalAsync("sg_due_date", "earliest"));
        Assert.Equal("2024-12-24T00:00:00Z", (string?)await _site.TotalAsync("sg_last_published_at", "earliest"));
    }

    [Fact]
    public async Task Latest_IsTheNewestDateAsStored()
    {
        Assert.Equal("2025-07-30", (string?)await _site.TotalAsync("sg_due_date", "latest"));
        Assert.Equal("2025-03-14T08:00:00Z", (string?)await _site.TotalAsync("sg_last_published_at", "latest"));
    }

    [Fact]
    public async Task Percentage_IsTheShareOfRowsHoldingTheValue()
    {
        Assert.Equal(50.0, (double)await _site.TotalWithValueAsync("sg_shot_type", "percentage", "VFX"));
        Assert.Equal(25.0, (double)await _site.TotalWithValueAsync("sg_shot_type", "percentage", "Standard"));
        Assert.Equal(75.0, (double)await _site.TotalWithValueAsync("sg_shot_type", "percentage", null));
    }

    [Fact]
    public async Task StatusPercentage_IsTheIntegerShareInTheStatus()
    {
        var fin = await _site.TotalWithValueAsync("sg_status_list", "status_percentage", "fin");
        var ip = await _site.TotalWithValueAsync("sg_status_list", "status_percentage", "ip");

        Assert.Equal(JTokenType.Integer, fin.Type);
        Assert.Equal(50, (int)fin);
        Assert.Equal(25, (int)ip);
    }

    [Fact]
    public async Task StatusList_RollsAMixUpToInProgressAndOneStatusToItself()
    {
        var result = await _site.Sg.SummarizeAsync("Shot", null, [new ShotgunEvents.Api.SummaryField("sg_status_list", "status_list")],
            [new ShotgunEvents.Api.SummaryGrouping("sg_shot_type")]);

        Assert.Equal("ip", (string?)result["summaries"]!["sg_status_list"]);
        var byType = result["groups"]!.ToDictionary(g => (string)g["group_name"]!, g => (string?)g["summaries"]!["sg_status_list"]);
        Assert.Equal("wtg", byType[string.Empty]);
        Assert.Equal("fin", byType["Standard"]);
        Assert.Equal("ip", byType["VFX"]);
    }

    [Fact]
    public async Task Checked_CountsTrueCheckboxes() => Assert.Equal(2, (int)await _site.TotalAsync("sg_client_approved", "checked"));

    [Fact]
    public async Task Unchecked_CountsFalseCheckboxes() => Assert.Equal(2, (int)await _site.TotalAsync("sg_client_approved", "unchecked"));
}
