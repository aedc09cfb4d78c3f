using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>Every filter operator of protocol §2.4, sent by the client and answered by the emulator over loopback.</summary>
public sealed class ShotgunClientFilterTests : IClassFixture<ShotgunClientFilterTests.Studio>
{
    private static readonly Dictionary<string, (string Type, Func<Studio, Filter> Filter, string[] Expected)> Cases = new()
    {
        ["is"] = ("Shot", _ => Filter.Is("code", "sh010"), ["sh010"]),
        ["is, case-insensitive"] = ("Shot", _ => Filter.Is("code", "SH010"), ["sh010"]),
        ["is null"] = ("Shot", _ => Filter.Is("sg_cut_out", null), ["sh030"]),
        ["is entity"] = ("Shot", s => Filter.Is("sg_sequence", s.SequenceA), ["sh010", "sh020"]),
        ["is on multi-entity means contains"] = ("Shot", s => Filter.Is("assets", s.Tree), ["sh010", "sh030"]),
        ["is_not"] = ("Shot", _ => Filter.IsNot("sg_status_list", "ip"), ["sh020", "sh030"]),
        ["less_than"] = ("Shot", _ => Filter.LessThan("sg_cut_in", 1010), ["sh010"]),
        ["greater_than"] = ("Shot", _ => Filter.GreaterThan("sg_cut_in", 1010), ["sh030"]),
        ["contains"] = ("Shot", _ => Filter.Contains("description", "MIST"), ["sh010"]),
        ["not_contains"] = ("Shot", _ => Filter.NotContains("description", "mist"), ["sh020", "sh030"]),
        ["starts_with"] = ("Shot", _ => Filter.StartsWith("description", "fog"), ["sh010"]),
        ["ends_with"] = ("Shot", _ => Filter.EndsWith("code", "30"), ["sh030"]),
        ["between"] = ("Shot", _ => Filter.Between("sg_cut_in", 1005, 1050), ["sh020", "sh030"]),
        ["in"] = ("Shot", _ => Filter.In("sg_status_list", "ip", "fin"), ["sh010", "sh030"]),
        ["in ids"] = ("Shot", s => Filter.In("id", s.Shots.Take(2).Select(e => e.Id).ToList()), ["sh010", "sh020"]),
        ["not_in"] = ("Shot", _ => Filter.NotIn("sg_status_list", "ip", "fin"), ["sh020"]),
        ["in_last"] = ("Shot", _ => Filter.InLast("sg_due_date", 7, DateUnit.Day), ["sh010"]),
        ["not_in_last"] = ("Shot", _ => Filter.NotInLast("sg_due_date", 7, DateUnit.Day), ["sh020", "sh030"]),
        ["in_next"] = ("Shot", _ => Filter.InNext("sg_due_date", 7, DateUnit.Day), ["sh020"]),
        ["not_in_next"] = ("Shot", _ => Filter.NotInNext("sg_due_date", 7, DateUnit.Day), ["sh010", "sh030"]),
        ["in_last hours on created_at"] = ("Shot", _ => Filter.InLast("created_at", 1, DateUnit.Hour), ["sh010", "sh020", "sh030"]),
        ["in_calendar_day"] = ("Shot", _ => Filter.InCalendarDay("sg_due_date", -5), ["sh010"]),
        ["in_calendar_week"] = ("Shot", _ => Filter.InCalendarWeek("created_at", 0), ["sh010", "sh020", "sh030"]),
        ["in_calendar_month"] = ("Shot", _ => Filter.InCalendarMonth("sg_due_date", 0), ["sh010", "sh020"]),
        ["in_calendar_year"] = ("Shot", _ => Filter.InCalendarYear("sg_due_date", 1), ["sh030"]),
        ["date_time greater_than"] = ("Shot", _ => Filter.GreaterThan("sg_last_published_at", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)), ["sh020"]),
        ["date is"] = ("Shot", _ => Filter.Is("sg_due_date", new DateOnly(2025, 1, 1)), ["sh030"]),
        ["type_is"] = ("Version", _ => Filter.TypeIs("entity", "Shot"), ["v_shot"]),
        ["type_is_not"] = ("Version", _ => Filter.TypeIsNot("entity", "Shot"), ["v_asset"]),
        ["name_contains"] = ("Shot", _ => Filter.NameContains("sg_sequence", "BUNNY"), ["sh010", "sh020"]),
        ["name_not_contains"] = ("Shot", _ => Filter.NameNotContains("sg_sequence", "bunny"), ["sh030"]),
        ["name_is"] = ("Shot", _ => Filter.NameIs("sg_sequence", "dragon_020"), ["sh030"]),
        ["deep link"] = ("Shot", _ => Filter.Is("sg_sequence.Sequence.code", "dragon_020"), ["sh030"]),
        ["checkbox"] = ("Shot", _ => Filter.Is("sg_client_approved", true), ["sh020"]),
        ["nested any/all"] = ("Shot", _ => Filter.Any(Filter.Is("code", "sh010"), Filter.All(Filter.Is("sg_status_list", "fin"), Filter.GreaterThan("sg_cut_in", 1000))), ["sh010", "sh030"]),
        ["python list form"] = ("Shot", _ => Filter.FromJson("""[["sg_cut_in","greater_than",1000],{"filter_operator":"any","filters":[["code","is","sh020"],["code","is","sh030"]]}]"""), ["sh020", "sh030"]),
    };

    /// <summary>
    /// Relations the Python API documents in general but that a live site refuses on these types (not_between on a
    /// number; name_starts_with/name_ends_with on an entity field, which only the addressing type takes).
    /// </summary>
    private static readonly Dictionary<string, (string Type, Filter Filter)> Refused = new()
    {
        ["not_between"] = ("Shot", Filter.NotBetween("sg_cut_in", 1005, 1050)),
        ["name_starts_with"] = ("Shot", Filter.NameStartsWith("sg_sequence", "drag")),
        ["name_ends_with"] = ("Shot", Filter.NameEndsWith("sg_sequence", "_010")),
    };

    private readonly Studio _studio;

    public ShotgunClientFilterTests(Studio studio) => _studio = studio;

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    public static TheoryData<string> RefusedNames => new(Refused.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task FindAsync_Operator_ReturnsTheMatchingRows(string name)
    {
        var (type, filter, expected) = Cases[name];
        var scoped = Filter.All(Filter.Is("project", _studio.Project), filter(_studio));

        var found = await _studio.Site.Client.FindAsync(type, scoped, ["code"]);

        Assert.Equal(expected, found.Select(e => e.Get<string>("code")!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public async Task FindAsync_RelationTheTypeRefuses_FailsWithTheSiteText(string name)
    {
        var (type, filter) = Refused[name];

        var error = await Assert.ThrowsAnyAsync<ShotgunError>(() => _studio.Site.Client.FindAsync(type, filter, ["code"]));

        Assert.Contains($"data type doesn't support '{name}' 'relation'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_CoverEveryRelation()
    {
        var used = Cases.Values.SelectMany(c => Relations(c.Filter(_studio).ToWire()))
            .Concat(Refused.Values.SelectMany(c => Relations(c.Filter.ToWire()))).ToHashSet();

        Assert.Empty(Filter.Relations.Except(used));
    }

    private static IEnumerable<string> Relations(JToken node) => node["conditions"] is JArray conditions
        ? conditions.SelectMany(Relations)
        : [node.Value<string>("relation")!];

    /// <summary>A small studio on an emulator whose clock is fixed at 2024-06-15 12:00 UTC (a Saturday).</summary>
    public sealed class Studio : IAsyncLifetime
    {
        internal EmulatorSite Site { get; private set; } = null!;

        public EntityRef Project { get; private set; } = null!;

        public EntityRef SequenceA { get; private set; } = null!;

        public EntityRef Tree { get; private set; } = null!;

        public IReadOnlyList<Entity> Shots { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Site = await EmulatorSite.StartAsync(siteTime: new FakeTimeProvider(new DateTimeOffset(2024, 6, 15, 12, 0, 0, TimeSpan.Zero)));
            var sg = Site.Client;
            Project = (await sg.CreateAsync("Project", new { name = "Filters" })).ToRef();
            SequenceA = (await sg.CreateAsync("Sequence", new { code = "bunny_010", project = Project })).ToRef();
            var sequenceB = (await sg.CreateAsync("Sequence", new { code = "dragon_020", project = Project })).ToRef();
            Tree = (await sg.CreateAsync("Asset", new { code = "tree", project = Project })).ToRef();
            var rock = (await sg.CreateAsync("Asset", new { code = "rock", project = Project })).ToRef();
            Shots =
            [
                await sg.CreateAsync("Shot", new
                {
                    code = "sh010", project = Project, sg_sequence = SequenceA, sg_cut_in = 1001, sg_cut_out = 1100, sg_status_list = "ip",
                    description = "Fog and mist", sg_due_date = new DateOnly(2024, 6, 10), assets = new[] { Tree, rock },
                    sg_last_published_at = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero), sg_client_approved = false,
                }),
                await sg.CreateAsync("Shot", new
                {
                    code = "sh020", project = Project, sg_sequence = SequenceA, sg_cut_in = 1010, sg_cut_out = 1200, sg_status_list = "rev",
                    description = "Wide establishing", sg_due_date = new DateOnly(2024, 6, 20), assets = new[] { rock },
                    sg_last_published_at = new DateTimeOffset(2024, 6, 14, 8, 0, 0, TimeSpan.Zero), sg_client_approved = true,
                }),
                await sg.CreateAsync("Shot", new
                {
                    code = "sh030", project = Project, sg_sequence = sequenceB, sg_cut_in = 1050, sg_status_list = "fin",
                    description = "CLEAN plate", sg_due_date = new DateOnly(2025, 1, 1), assets = new[] { Tree },
                    sg_last_published_at = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero), sg_client_approved = false,
                }),
            ];
            await sg.CreateAsync("Version", new { code = "v_shot", project = Project, entity = Shots[0] });
            await sg.CreateAsync("Version", new { code = "v_asset", project = Project, entity = Tree });
        }

        public async Task DisposeAsync() => await Site.DisposeAsync();
    }
}
