using ShotgunEvents.Api;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>info, schema reads and summarize against the emulator over loopback.</summary>
public sealed class ShotgunClientSchemaTests : IAsyncLifetime
{
    private EmulatorSite _site = null!;

    public async Task InitializeAsync() => _site = await EmulatorSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task InfoAsync_ReportsAModernVersionAndThePageSize()
    {
        var info = await _site.Client.InfoAsync();

        Assert.True((int)info["version"]![0]! >= 8);
        Assert.Equal(500, info.Value<int>("api_max_entities_per_page"));
    }

    [Fact]
    public async Task SchemaReadAsync_HasTheShippedTypes()
    {
        var schema = await _site.Client.SchemaReadAsync();

        Assert.Contains("Shot", schema.Properties().Select(p => p.Name));
        Assert.NotNull(schema["EventLogEntry"]!["session_uuid"]);
    }

    [Fact]
    public async Task SchemaFieldReadAsync_OneFieldOrAll()
    {
        var one = await _site.Client.SchemaFieldReadAsync("Shot", "sg_status_list");
        var all = await _site.Client.SchemaFieldReadAsync("Shot");

        Assert.Equal(["sg_status_list"], one.Properties().Select(p => p.Name));
        Assert.Contains("code", all.Properties().Select(p => p.Name));
    }

    [Fact]
    public async Task SchemaFieldReadAsync_UnknownType_IsAFault()
    {
        var ex = await Assert.ThrowsAsync<ShotgunFault>(() => _site.Client.SchemaFieldReadAsync("Spaceship"));

        Assert.Contains("Spaceship", ex.Message);
    }

    [Fact]
    public async Task SummarizeAsync_CountsPerGroup()
    {
        var sg = _site.Client;
        var project = (await sg.CreateAsync("Project", new { name = "Sums" })).ToRef();
        await sg.BatchAsync(
            BatchRequest.Create("Shot", new { code = "a", project, sg_status_list = "ip", sg_cut_in = 10 }),
            BatchRequest.Create("Shot", new { code = "b", project, sg_status_list = "ip", sg_cut_in = 20 }),
            BatchRequest.Create("Shot", new { code = "c", project, sg_status_list = "fin", sg_cut_in = 5 }));

        var total = await sg.SummarizeAsync("Shot", Filter.Is("project", project), new SummaryField("id", "count"), new SummaryField("sg_cut_in", "sum"));
        var grouped = await sg.SummarizeAsync("Shot", Filter.Is("project", project), [new SummaryField("id", "count")], [new SummaryGrouping("sg_status_list")]);

        Assert.Equal(3, total["summaries"]!.Value<int>("id"));
        Assert.Equal(35, total["summaries"]!.Value<int>("sg_cut_in"));
        var counts = grouped["groups"]!.ToDictionary(g => g.Value<string>("group_name")!, g => g["summaries"]!.Value<int>("id"));
        Assert.Equal(2, counts["ip"]);
        Assert.Equal(1, counts["fin"]);
    }
}
