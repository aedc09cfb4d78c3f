using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

public sealed class ExportPageMethodTests
{
    [Theory]
    [InlineData(null, "csv", "'page_id' missing")]
    [InlineData(11, null, "'format' missing")]
    [InlineData(null, null, "'page_id' missing")]
    public async Task ExportPage_ParameterMissing_NamesIt(int? pageId, string? format, string expected)
    {
        await using var site = await TestSite.StartAsync();

        var error = await site.FaultAsync("export_page", new JObject { ["page_id"] = pageId, ["format"] = format, ["layout_name"] = null });

        Assert.Contains(expected, (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportPage_ExistingPage_AnswersAsASiteWithoutTheFeature()
    {
        await using var site = await TestSite.StartAsync();
        var page = (int)(await site.CreateAsync("Page", new JObject { ["entity_type"] = "Shot" }))["id"]!;

        var error = await site.FaultAsync("export_page", new JObject { ["page_id"] = page, ["format"] = "csv", ["layout_name"] = "My Layout" });

        Assert.Equal("This functionality is currently not available", (string?)error["message"]);
    }
}
