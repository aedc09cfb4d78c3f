using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Emulator.Query;

/// <summary>
/// <c>find</c> as our client sends it, answered by the emulator over loopback: filter presets, retired-only,
/// archived projects, limit and page, sorts and filters through linked fields.
/// </summary>
public sealed class FindThroughClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _siteTime = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));
    private EmulatorSite _site = null!;

    private IShotgun Sg => _site.Client;

    public async Task InitializeAsync() => _site = await EmulatorSite.StartAsync(siteTime: _siteTime);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task FindAsync_LatestByEntitiesCreatedAt_KeepsTheNewestVersionOfEachEntity()
    {
        var project = (await Sg.CreateAsync("Project", new { name = "Presets" })).ToRef();
        var shotA = (await Sg.CreateAsync("Shot", new { code = "a", project })).ToRef();
        var shotB = (await Sg.CreateAsync("Shot", new { code = "b", project })).ToRef();
        await CreateLaterAsync("Version", new { code = "a_v1", project, entity = shotA });
        await CreateLaterAsync("Version", new { code = "a_v2", project, entity = shotA });
        await CreateLaterAsync("Version", new { code = "b_v1", project, entity = shotB });
        await CreateLaterAsync("Version", new { code = "a_v0_late_id_but_filtered_out", project, entity = shotB, sg_status_list = "na" });

        var latest = await FindCodesAsync("Version", Filter.All(Filter.Is("project", project), Filter.IsNot("sg_status_list", "na")), Latest("ENTITIES_CREATED_AT"));
        var all = await FindCodesAsync("Version", Filter.Is("project", project));

        Assert.Equal(["a_v2", "b_v1"], latest);
        Assert.Equal(4, all.Count);
    }

    [Fact]
    public async Task FindAsync_LatestByPipelineStep_KeepsTheFurthestStepThenTheNewest()
    {
        var project = (await Sg.CreateAsync("Project", new { name = "Steps" })).ToRef();
        var shot = (await Sg.CreateAsync("Shot", new { code = "a", project })).ToRef();
        var layout = (await Sg.CreateAsync("Step", new { code = "Layout", list_order = 1, entity_type = "Shot" })).ToRef();
        var comp = (await Sg.CreateAsync("Step", new { code = "Comp", list_order = 9, entity_type = "Shot" })).ToRef();
        var layoutTask = (await Sg.CreateAsync("Task", new { content = "layout", project, entity = shot, step = layout })).ToRef();
        var compTask = (await Sg.CreateAsync("Task", new { content = "comp", project, entity = shot, step = comp })).ToRef();
        await CreateLaterAsync("Version", new { code = "comp_v1", project, entity = shot, sg_task = compTask });
        await CreateLaterAsync("Version", new { code = "comp_v2", project, entity = shot, sg_task = compTask });
        await CreateLaterAsync("Version", new { code = "layout_v9_newest", project, entity = shot, sg_task = layoutTask });
        await CreateLaterAsync("Version", new { code = "no_task_newest", project, entity = shot });

        var latest = await FindCodesAsync("Version", Filter.Is("project", project), Latest("BY_PIPELINE_STEP_NUMBER_AND_ENTITIES_CREATED_AT"));

        Assert.Equal(["comp_v2"], latest);
    }

    [Fact]
    public async Task FindAsync_PublishedFilesLatestByVersionNumber_KeepsTheHighestVersionOfEachEntity()
    {
        var project = (await Sg.CreateAsync("Project", new { name = "Publishes" })).ToRef();
        var shot = (await Sg.CreateAsync("Shot", new { code = "a", project })).ToRef();
        await CreateLaterAsync("PublishedFile", new { code = "a_v3", name = "a", project, entity = shot, version_number = 3 });
        await CreateLaterAsync("PublishedFile", new { code = "a_v1", name = "a", project, entity = shot, version_number = 1 });

        var byNumber = await FindCodesAsync("PublishedFile", Filter.Is("project", project), Latest("VERSION_NUMBER"));
        var byDate = await FindCodesAsync("PublishedFile", Filter.Is("project", project), Latest("ENTITIES_CREATED_AT"));

        Assert.Equal(["a_v3"], byNumber);
        Assert.Equal(["a_v1"], byDate);
    }

    [Theory]
    [InlineData("Version", "{\"preset_name\": \"LATEST\", \"latest_by\": \"VERSION_NUMBER\"}", "LATEST on Version takes latest_by 'ENTITIES_CREATED_AT' or 'BY_PIPELINE_STEP_NUMBER_AND_ENTITIES_CREATED_AT'")]
    [InlineData("Shot", "{\"preset_name\": \"LATEST\", \"latest_by\": \"ENTITIES_CREATED_AT\"}", "'LATEST' is not a preset of Shot")]
    [InlineData("Version", "{\"preset_name\": \"CUT_SHOT_VERSIONS\"}", "CUT_SHOT_VERSIONS needs an integer cut_id")]
    public async Task FindAsync_PresetTheTypeDoesNotHave_FailsNamingIt(string type, string presetJson, string expected)
    {
        var preset = JObject.Parse(presetJson).Properties().ToDictionary(p => p.Name, p => (object?)p.Value.ToObject<object>());
        var options = new FindOptions { AdditionalFilterPresets = [preset] };

        var error = await Assert.ThrowsAnyAsync<ShotgunError>(() => Sg.FindAsync(type, Filter.All(), ["code"], options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_RetiredOnly_SeesOnlyTheRetiredRows()
    {
        var kept = await Sg.CreateAsync("Shot", new { code = "kept" });
        var gone = await Sg.CreateAsync("Shot", new { code = "gone" });
        await Sg.DeleteAsync("Shot", gone.Id);

        var retired = await Sg.FindAsync("Shot", Filter.All(), ["code"], new FindOptions { RetiredOnly = true });
        var active = await Sg.FindAsync("Shot", Filter.All(), ["code"]);

        Assert.Equal(["gone"], retired.Select(e => e.Get<string>("code")));
        Assert.Equal([kept.Id], active.Select(e => e.Id));
    }

    [Fact]
    public async Task FindAsync_WithoutArchivedProjects_LeavesTheirRowsOut()
    {
        var live = (await Sg.CreateAsync("Project", new { name = "Live" })).ToRef();
        var archived = (await Sg.CreateAsync("Project", new { name = "Old", archived = true })).ToRef();
        await Sg.CreateAsync("Shot", new { code = "live_0010", project = live });
        await Sg.CreateAsync("Shot", new { code = "old_0010", project = archived });
        await Sg.CreateAsync("Shot", new { code = "no_project" });

        var without = await FindCodesAsync("Shot", Filter.All(), options: new FindOptions { IncludeArchivedProjects = false });
        var with = await FindCodesAsync("Shot", Filter.All());

        Assert.Equal(["live_0010", "no_project"], without);
        Assert.Equal(["live_0010", "old_0010", "no_project"], with);
    }

    [Fact]
    public async Task FindAsync_LimitPageAndMoreThanOnePage_AnswerAsASite()
    {
        for (var i = 0; i < 503; i++)
        {
            _site.Server.Store.Create("Shot", new JObject { ["code"] = $"sh{i:0000}" });
        }

        var all = await Sg.FindAsync("Shot", Filter.All(), ["code"]);
        var firstThree = await Sg.FindAsync("Shot", Filter.All(), ["code"], new FindOptions { Limit = 3 });
        var secondPageOfThree = await Sg.FindAsync("Shot", Filter.All(), ["code"], new FindOptions { Limit = 3, Page = 2 });
        var newestTwo = await Sg.FindAsync("Shot", Filter.All(), ["code"], new FindOptions { Limit = 2, Order = [SortOrder.Desc("code")] });

        Assert.Equal(503, all.Count);
        Assert.Equal(503, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(["sh0000", "sh0001", "sh0002"], firstThree.Select(e => e.Get<string>("code")));
        Assert.Equal(["sh0003", "sh0004", "sh0005"], secondPageOfThree.Select(e => e.Get<string>("code")));
        Assert.Equal(["sh0502", "sh0501"], newestTwo.Select(e => e.Get<string>("code")));
    }

    [Fact]
    public async Task FindAsync_SortAndFilterThroughLinkedFields_FollowTheLinks()
    {
        var seq1 = (await Sg.CreateAsync("Sequence", new { code = "seq010" })).ToRef();
        var seq2 = (await Sg.CreateAsync("Sequence", new { code = "seq020" })).ToRef();
        var a = (await Sg.CreateAsync("Shot", new { code = "a", sg_sequence = seq2 })).ToRef();
        var b = (await Sg.CreateAsync("Shot", new { code = "b", sg_sequence = seq1 })).ToRef();
        var c = (await Sg.CreateAsync("Shot", new { code = "c", sg_sequence = seq2 })).ToRef();
        await Sg.CreateAsync("Task", new { content = "anim_a", entity = a });
        await Sg.CreateAsync("Task", new { content = "anim_b", entity = b });
        await Sg.CreateAsync("Task", new { content = "anim_c", entity = c });

        var bySequence = await FindCodesAsync("Shot", Filter.All(), options: new FindOptions { Order = [SortOrder.Desc("sg_sequence.Sequence.code"), SortOrder.Asc("code")] });
        var deep = await Sg.FindAsync("Task", Filter.Is("entity.Shot.sg_sequence.Sequence.code", "SEQ020"), ["content", "entity.Shot.sg_sequence.Sequence.code"],
            new FindOptions { Order = [SortOrder.Desc("entity.Shot.code")] });
        var anyOf = await Sg.FindAsync("Task", Filter.Any(Filter.Is("entity.Shot.code", "b"), Filter.All(Filter.Is("entity.Shot.sg_sequence", seq2), Filter.EndsWith("content", "_c"))), ["content"]);

        Assert.Equal(["a", "c", "b"], bySequence);
        Assert.Equal(["anim_c", "anim_a"], deep.Select(e => e.Get<string>("content")));
        Assert.All(deep, e => Assert.Equal("seq020", e.Get<string>("entity.Shot.sg_sequence.Sequence.code")));
        Assert.Equal(["anim_b", "anim_c"], anyOf.Select(e => e.Get<string>("content")));
    }

    [Fact]
    public async Task FindAsync_UuidFilter_MatchesWhateverTheCaseAndHyphens()
    {
        const string Session = "5a1d49b0-0c69-11e0-a24c-003048d17544";
        _site.Server.Store.Create("Shot", new JObject { ["code"] = "from_browser" }, sessionUuid: Session);

        var upper = await Sg.FindAsync("EventLogEntry", Filter.Is("session_uuid", Session.ToUpperInvariant()), ["session_uuid"]);
        var bare = await Sg.FindAsync("EventLogEntry", Filter.In("session_uuid", Session.Replace("-", string.Empty, StringComparison.Ordinal)), ["session_uuid"]);
        var unset = await Sg.FindAsync("EventLogEntry", Filter.IsNot("session_uuid", string.Empty), ["session_uuid"]);

        Assert.NotEmpty(upper);
        Assert.All(upper, e => Assert.Equal(Session, e.Get<string>("session_uuid")));
        Assert.Equal(upper.Select(e => e.Id), bare.Select(e => e.Id));
        Assert.Equal(upper.Select(e => e.Id), unset.Select(e => e.Id));
    }

    private static FindOptions Latest(string by) =>
        new() { AdditionalFilterPresets = [new Dictionary<string, object?> { ["preset_name"] = "LATEST", ["latest_by"] = by }] };

    private async Task<List<string>> FindCodesAsync(string type, Filter filter, FindOptions? options = null) =>
        [.. (await Sg.FindAsync(type, filter, ["code"], options)).Select(e => e.Get<string>("code")!)];

    private async Task CreateLaterAsync(string type, object data)
    {
        // created_at has whole seconds: move the site clock so each row is strictly newer than the last.
        _siteTime.Advance(TimeSpan.FromMinutes(1));
        await Sg.CreateAsync(type, data);
    }
}
