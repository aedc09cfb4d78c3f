using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Emulator.Query.Summaries;

/// <summary>
/// An emulator on loopback (default schema, site clock fixed at Friday 2025-03-14 09:30 UTC) and our client, with
/// helpers to seed Shots and to read a summarize answer as <c>"name:count|..."</c>.
/// </summary>
internal sealed class SummarizeSite : IAsyncDisposable
{
    private SummarizeSite(EmulatorSite site) => Site = site;

    public EmulatorSite Site { get; }

    public ShotgunClient Sg => Site.Client;

    public static async Task<SummarizeSite> StartAsync() =>
        new(await EmulatorSite.StartAsync(siteTime: new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero))));

    /// <summary>
    /// Four Shots every summary-type test computes from by hand:
    /// <code>
    /// code   sg_cut_in  sg_frame_rate  sg_client_approved  sg_due_date  sg_last_published_at  sg_status_list  sg_shot_type
    /// alpha  10         1.5            true                2025-03-14   2025-03-14T08:00:00Z  ip              VFX
    /// beta   25         2.25           false               2025-01-02   2024-12-24T00:00:00Z  fin             Standard
    /// Bravo  -          -              true                2025-07-30   -                     fin             VFX
    /// gamma  1234       -0.5           false               -            -                     wtg             -
    /// </code>
    /// </summary>
    public async Task SeedShotsAsync()
    {
        await Sg.CreateAsync("Shot", new
        {
            code = "alpha", sg_cut_in = 10, sg_frame_rate = 1.5, sg_client_approved = true, sg_due_date = "2025-03-14",
            sg_last_published_at = "2025-03-14T08:00:00Z", sg_status_list = "ip", sg_shot_type = "VFX",
        });
        await Sg.CreateAsync("Shot", new
        {
            code = "beta", sg_cut_in = 25, sg_frame_rate = 2.25, sg_client_approved = false, sg_due_date = "2025-01-02",
            sg_last_published_at = "2024-12-24T00:00:00Z", sg_status_list = "fin", sg_shot_type = "Standard",
        });
        await Sg.CreateAsync("Shot", new { code = "Bravo", sg_client_approved = true, sg_due_date = "2025-07-30", sg_status_list = "fin", sg_shot_type = "VFX" });
        await Sg.CreateAsync("Shot", new { code = "gamma", sg_cut_in = 1234, sg_frame_rate = -0.5, sg_client_approved = false, sg_status_list = "wtg" });
    }

    /// <summary>The one total of a summarize over every Shot.</summary>
    public async Task<JToken> TotalAsync(string field, string type)
    {
        var result = await Sg.SummarizeAsync("Shot", Filter.All(), [new SummaryField(field, type)]);
        return result["summaries"]![field]!;
    }

    /// <summary>The one total of a summary sent with a <c>value</c> (the typed <see cref="SummaryField"/> carries none).</summary>
    public async Task<JToken> TotalWithValueAsync(string field, string type, JToken? value)
    {
        var summary = new JObject { ["field"] = field, ["type"] = type };
        if (value is not null)
        {
            summary["value"] = value;
        }

        var result = await Sg.CallMethodAsync("summarize", new JObject
        {
            ["type"] = "Shot",
            ["filters"] = new JObject { ["logical_operator"] = "and", ["conditions"] = new JArray() },
            ["summaries"] = new JArray(summary),
        });
        return result["summaries"]![field]!;
    }

    /// <summary>Shots grouped one level, each group as <c>group_name:record_count</c> in the order the site sends them.</summary>
    public async Task<string> GroupsAsync(string field, string grouping, bool descending = false, string entityType = "Shot")
    {
        var result = await Sg.SummarizeAsync(entityType, Filter.All(), [new SummaryField("id", "record_count")], [new SummaryGrouping(field, grouping, descending)]);
        return Describe((JArray)result["groups"]!);
    }

    public static string Describe(JArray groups) =>
        string.Join("|", groups.Select(g => $"{(string?)g["group_name"]}:{(int)g["summaries"]!["id"]!}"));

    public async ValueTask DisposeAsync() => await Site.DisposeAsync();
}
