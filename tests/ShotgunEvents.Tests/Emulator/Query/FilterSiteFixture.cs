using Newtonsoft.Json.Linq;
using ShotgunEvents.Tests.Emulator.Support;

namespace ShotgunEvents.Tests.Emulator.Query;

/// <summary>
/// One site, on a fake clock fixed at Friday 2025-03-14 09:30 UTC, holding a small studio that every filter operator
/// can be tried against. Read-only for the tests that share it.
/// </summary>
public sealed class FilterSiteFixture : IAsyncLifetime
{
    internal TestSite Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await TestSite.StartAsync(fakeTime: true);
        var store = Site.Store;
        int Id(JObject record) => (int)record["id"]!;
        var bunny = TestSite.Link("Project", Id(store.Create("Project", new JObject { ["name"] = "Bunny" })));
        var other = TestSite.Link("Project", Id(store.Create("Project", new JObject { ["name"] = "Other" })));
        var seq1 = TestSite.Link("Sequence", Id(store.Create("Sequence", new JObject { ["code"] = "seq010" })));
        var seq2 = TestSite.Link("Sequence", Id(store.Create("Sequence", new JObject { ["code"] = "seq020" })));
        var jane = TestSite.Link("HumanUser", Id(store.AddHumanUser("jane", "Jane Doe", "pw")));
        var bob = TestSite.Link("HumanUser", Id(store.AddHumanUser("bob", "Bob Smith", "pw")));
        var buck = TestSite.Link("Asset", Id(store.Create("Asset", new JObject { ["code"] = "Buck" })));
        var bunnyAsset = TestSite.Link("Asset", Id(store.Create("Asset", new JObject { ["code"] = "Bunny" })));
        var shot1 = store.Create("Shot", new JObject
        {
            ["code"] = "seq010_0010", ["sg_status_list"] = "ip", ["sg_cut_in"] = 1001, ["sg_frame_rate"] = 24.0, ["sg_client_approved"] = true,
            ["sg_due_date"] = "2025-03-14", ["sg_last_published_at"] = "2025-03-14T08:00:00Z", ["project"] = bunny, ["sg_sequence"] = seq1,
            ["tag_list"] = new JArray("hero", "fx"), ["description"] = "Big fog", ["assets"] = new JArray(buck), ["sg_shot_type"] = "VFX",
        });
        store.Create("Shot", new JObject
        {
            ["code"] = "seq010_0020", ["sg_status_list"] = "wtg", ["sg_cut_in"] = 1009, ["sg_frame_rate"] = 25.0,
            ["sg_due_date"] = "2025-03-20", ["sg_last_published_at"] = "2025-03-10T12:00:00Z", ["project"] = bunny, ["sg_sequence"] = seq1,
            ["tag_list"] = new JArray("fx"), ["description"] = "small rain", ["assets"] = new JArray(buck, bunnyAsset), ["sg_shot_type"] = "Standard",
        });
        store.Create("Shot", new JObject
        {
            ["code"] = "seq020_0010", ["sg_status_list"] = "fin", ["sg_cut_in"] = 2001, ["sg_frame_rate"] = 23.976,
            ["sg_due_date"] = "2025-04-02", ["sg_last_published_at"] = "2024-12-24T00:00:00Z", ["project"] = other, ["sg_sequence"] = seq2,
        });
        store.Create("Shot", new JObject { ["code"] = "SEQ020_0020", ["sg_status_list"] = "hld", ["sg_sequence"] = seq2 });
        store.Create("Task", new JObject { ["content"] = "Anim", ["entity"] = TestSite.Link("Shot", Id(shot1)), ["task_assignees"] = new JArray(jane) });
        store.Create("Task", new JObject { ["content"] = "Model", ["entity"] = buck, ["task_assignees"] = new JArray(bob, jane) });
        store.Create("Task", new JObject { ["content"] = "Comp" });
        store.Create("Step", new JObject { ["code"] = "Layout", ["entity_type"] = "Shot" });
        store.Create("Step", new JObject { ["code"] = "Rig", ["entity_type"] = "Asset" });
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();
}
