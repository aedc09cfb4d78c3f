using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Tests.Emulator.Query.Summaries;

namespace ShotgunEvents.Tests.Emulator.Api3;

/// <summary>
/// api3 <c>summarize</c> through our client over loopback: the answer's shape with nested groupings, and the errors for
/// unknown types and for a type the field's data type does not offer.
/// </summary>
public sealed class SummarizeMethodTests : IAsyncLifetime
{
    private SummarizeSite _site = null!;

    private ShotgunEvents.Client.ShotgunClient Sg => _site.Sg;

    public async Task InitializeAsync()
    {
        _site = await SummarizeSite.StartAsync();
        await _site.SeedShotsAsync();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task SummarizeAsync_TwoGroupings_NestsOneLevelEachAndTheLeavesHaveNoGroups()
    {
        var result = await Sg.SummarizeAsync("Shot", null,
            [new SummaryField("id", "record_count"), new SummaryField("sg_cut_in", "sum")],
            [new SummaryGrouping("sg_shot_type", Descending: true), new SummaryGrouping("sg_status_list")]);

        Assert.Equal(4, (int)result["summaries"]!["id"]!);
        Assert.Equal(1269, (int)result["summaries"]!["sg_cut_in"]!);
        var outer = (JArray)result["groups"]!;
        Assert.Equal("VFX:2|Standard:1|:1", SummarizeSite.Describe(outer));
        var vfx = outer[0];
        Assert.Equal("VFX", (string?)vfx["group_value"]);
        Assert.Equal(10, (int)vfx["summaries"]!["sg_cut_in"]!);
        var inner = (JArray)vfx["groups"]!;
        Assert.Equal("fin:1|ip:1", SummarizeSite.Describe(inner));
        Assert.All(outer, g => Assert.Equal((int)g["summaries"]!["id"]!, g["groups"]!.Sum(c => (int)c["summaries"]!["id"]!)));
        Assert.All(outer.SelectMany(g => g["groups"]!), leaf => Assert.Null(leaf["groups"]));
        Assert.Equal(["group_name", "group_value", "summaries"], ((JObject)inner[0]).Properties().Select(p => p.Name));
    }

    [Fact]
    public async Task SummarizeAsync_NoGrouping_AnswersAnEmptyGroupsList()
    {
        var result = await Sg.SummarizeAsync("Shot", Filter.Is("sg_status_list", "fin"), [new SummaryField("id", "record_count")]);

        Assert.Equal(2, (int)result["summaries"]!["id"]!);
        Assert.Empty((JArray)result["groups"]!);
    }

    [Theory]
    [InlineData("code", "sum", "summary type 'sum' cannot be used on Shot.code, a text field. Valid summary types for text: record_count, count, percentage.")]
    [InlineData("sg_cut_in", "earliest", "summary type 'earliest' cannot be used on Shot.sg_cut_in, a number field.")]
    [InlineData("sg_due_date", "average", "summary type 'average' cannot be used on Shot.sg_due_date, a date field.")]
    [InlineData("code", "status_list", "summary type 'status_list' cannot be used on Shot.code, a text field.")]
    [InlineData("sg_status_list", "checked", "summary type 'checked' cannot be used on Shot.sg_status_list, a status_list field.")]
    public async Task SummarizeAsync_SummaryTypeTheDataTypeDoesNotOffer_FailsNamingTheField(string field, string type, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<ShotgunError>(() => Sg.SummarizeAsync("Shot", null, [new SummaryField(field, type)]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code", "tens", "grouping type 'tens' cannot be used on Shot.code, a text field. Valid grouping types for text: exact, firstletter.")]
    [InlineData("sg_cut_in", "week", "grouping type 'week' cannot be used on Shot.sg_cut_in, a number field.")]
    [InlineData("sg_due_date", "entitytype", "grouping type 'entitytype' cannot be used on Shot.sg_due_date, a date field.")]
    public async Task SummarizeAsync_GroupingTypeTheDataTypeDoesNotOffer_FailsNamingTheField(string field, string type, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<ShotgunError>(() =>
            Sg.SummarizeAsync("Shot", null, [new SummaryField("id", "record_count")], [new SummaryGrouping(field, type)]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeAsync_UnknownSummaryType_ListsAllThirteen()
    {
        var error = await Assert.ThrowsAnyAsync<ShotgunError>(() => Sg.SummarizeAsync("Shot", null, [new SummaryField("id", "median")]));

        Assert.Contains("summary type 'median' is not valid. Valid types: record_count, count, sum, maximum, minimum, average, earliest, "
            + "latest, percentage, status_percentage, status_list, checked, unchecked.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeAsync_UnknownGroupingType_ListsAllSeventeenAsASiteDoes()
    {
        var error = await Assert.ThrowsAnyAsync<ShotgunError>(() =>
            Sg.SummarizeAsync("Shot", null, [new SummaryField("id", "record_count")], [new SummaryGrouping("code", "secondletter")]));

        Assert.Contains("type must be one of: exact, tens, hundreds, thousands, tensofthousands, hundredsofthousands, millions, day, "
            + "week, month, quarter, year, clustered_date, oneday, fivedays, entitytype, firstletter.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_DirectionNeitherAscNorDesc_Fails()
    {
        var error = await Assert.ThrowsAnyAsync<ShotgunError>(() => Sg.CallMethodAsync("summarize", new JObject
        {
            ["type"] = "Shot",
            ["filters"] = new JObject { ["logical_operator"] = "and", ["conditions"] = new JArray() },
            ["summaries"] = new JArray(new JObject { ["field"] = "id", ["type"] = "record_count" }),
            ["grouping"] = new JArray(new JObject { ["field"] = "code", ["type"] = "exact", ["direction"] = "up" }),
        }));

        Assert.Contains("grouping direction 'up' is not valid", error.Message, StringComparison.Ordinal);
    }
}
