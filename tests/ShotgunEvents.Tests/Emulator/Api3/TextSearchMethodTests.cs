using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

/// <summary><c>query_display_name_cache</c> (the Python API's <c>text_search</c>) through our client over loopback.</summary>
public sealed class TextSearchMethodTests : IAsyncLifetime
{
    private const string Prefix = "c0ffee";

    private EmulatorSite _site = null!;
    private EntityRef _project = null!;
    private List<int> _shots = null!;
    private List<int> _assets = null!;

    private ShotgunClient Sg => _site.Client;

    public async Task InitializeAsync()
    {
        _site = await EmulatorSite.StartAsync();
        _project = (await Sg.CreateAsync("Project", new { name = "Search" })).ToRef();
        // As the Python API's TestTextSearch sets up: five Shots and five Assets named "<prefix> Text Search <i>".
        _shots = [];
        _assets = [];
        for (var i = 0; i < 5; i++)
        {
            _shots.Add((await Sg.CreateAsync("Shot", new { code = $"{Prefix} Text Search {i}", project = _project })).Id);
            _assets.Add((await Sg.CreateAsync("Asset", new { code = $"{Prefix} Text Search {i}", project = _project })).Id);
        }

        await Sg.CreateAsync("Shot", new { code = "unrelated", project = _project });
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task TextSearch_OneType_MatchesEveryRowWithAllTerms()
    {
        var result = await SearchAsync($"{Prefix} Text Search", new JObject { ["Shot"] = AllOf() });

        Assert.Equal(["matches", "terms"], JsonKeys.Sorted(result));
        Assert.Equal([Prefix, "text", "search"], result["terms"]!.Values<string>());
        var matches = (JArray)result["matches"]!;
        Assert.Equal(_shots, matches.Select(m => (int)m["id"]!));
        var match = (JObject)matches[0];
        Assert.Equal(["id", "image", "links", "name", "project_id", "status", "type"], JsonKeys.Sorted(match));
        Assert.Equal("Shot", (string?)match["type"]);
        Assert.Equal($"{Prefix} Text Search 0", (string?)match["name"]);
        Assert.Equal(_project.Id, (int)match["project_id"]!);
        Assert.Equal(JTokenType.Null, match["image"]!.Type);
        Assert.Equal(["", ""], match["links"]!.Values<string>());
        Assert.Equal("wtg", (string?)match["status"]);
    }

    [Fact]
    public async Task TextSearch_TermsInAnyOrderAndCase_StillMatch()
    {
        var matches = (JArray)(await SearchAsync($"SEARCH {Prefix.ToUpperInvariant()} 3", new JObject { ["Asset"] = AllOf() }))["matches"]!;

        Assert.Equal([_assets[3]], matches.Select(m => (int)m["id"]!));
    }

    [Fact]
    public async Task TextSearch_MaxResults_CapsTheMatches()
    {
        var matches = (JArray)(await SearchAsync($"{Prefix} Text Search", new JObject { ["Shot"] = AllOf() }, limit: 3))["matches"]!;

        Assert.Equal(3, matches.Count);
    }

    [Fact]
    public async Task TextSearch_TwoTypesWithFilters_EachTypesFilterNarrowsItsMatches()
    {
        var all = (JArray)(await SearchAsync($"{Prefix} Text Search", new JObject { ["Shot"] = AllOf(), ["Asset"] = AllOf() }))["matches"]!;
        var types = new JObject
        {
            ["Shot"] = AllOf(Condition("code", "ends_with", "3")),
            ["Asset"] = new JObject
            {
                ["logical_operator"] = "and",
                ["conditions"] = new JArray(new JObject { ["logical_operator"] = "or", ["conditions"] = new JArray(Condition("code", "ends_with", "4")) }),
            },
        };

        var filtered = (JArray)(await SearchAsync($"{Prefix} Text Search", types))["matches"]!;

        Assert.Equal(10, all.Count);
        Assert.Equal(["Shot:" + _shots[3], "Asset:" + _assets[4]], filtered.Select(m => $"{m["type"]}:{m["id"]}"));
    }

    [Fact]
    public async Task TextSearch_ProjectIds_LeaveOtherProjectsOut()
    {
        var other = (await Sg.CreateAsync("Project", new { name = "Other" })).ToRef();
        var elsewhere = (await Sg.CreateAsync("Shot", new { code = $"{Prefix} Text Search 9", project = other })).Id;

        var everywhere = (JArray)(await SearchAsync($"{Prefix} search 9", new JObject { ["Shot"] = AllOf() }))["matches"]!;
        var inOther = (JArray)(await SearchAsync($"{Prefix} search", new JObject { ["Shot"] = AllOf() }, projectIds: [other.Id]))["matches"]!;

        Assert.Equal([elsewhere], everywhere.Select(m => (int)m["id"]!));
        Assert.Equal([elsewhere], inOther.Select(m => (int)m["id"]!));
    }

    [Fact]
    public async Task TextSearch_Task_LinksNameItsEntity()
    {
        var shot = new EntityRef("Shot", _shots[1]);
        var task = (await Sg.CreateAsync("Task", new { content = "Comp blast", entity = shot, project = _project })).Id;

        var match = Assert.Single((JArray)(await SearchAsync("comp blast", new JObject { ["Task"] = AllOf() }))["matches"]!);

        Assert.Equal(task, (int)match["id"]!);
        Assert.Equal(["Shot", $"{Prefix} Text Search 1"], match["links"]!.Values<string>());
    }

    [Fact]
    public async Task TextSearch_RetiredRow_DoesNotMatch()
    {
        Assert.True(await Sg.DeleteAsync("Shot", _shots[0]));

        var matches = (JArray)(await SearchAsync($"{Prefix} Text Search", new JObject { ["Shot"] = AllOf() }))["matches"]!;

        Assert.Equal(_shots.Skip(1), matches.Select(m => (int)m["id"]!));
    }

    [Theory]
    [InlineData("{\"text\": \"ab\"}", "at least 3")]
    [InlineData("{\"text\": \"  ab   \"}", "at least 3")]
    [InlineData("{\"text\": 12345}", "text")]
    [InlineData("{\"entity_types\": {}}", "entity_types")]
    [InlineData("{\"entity_types\": {\"NoSuchType\": {\"logical_operator\": \"and\", \"conditions\": []}}}", "NoSuchType")]
    [InlineData("{\"entity_types\": {\"Shot\": {\"logical_operator\": \"and\", \"conditions\": [{\"path\": \"nope\", \"relation\": \"is\", \"values\": [1]}]}}}", "nope")]
    [InlineData("{\"max_results\": 0}", "max_results")]
    [InlineData("{\"project_ids\": [\"one\"]}", "project_ids")]
    public async Task TextSearch_BadParameters_FaultInvalid(string parameters, string named)
    {
        var body = JObject.Parse(parameters);
        body["text"] ??= Prefix;
        body["entity_types"] ??= new JObject { ["Shot"] = AllOf() };

        var fault = await Assert.ThrowsAsync<ShotgunFault>(() => Sg.CallMethodAsync("query_display_name_cache", body));

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains(named, fault.Message, StringComparison.Ordinal);
    }

    private static JObject Condition(string path, string relation, JToken value) =>
        new() { ["path"] = path, ["relation"] = relation, ["values"] = new JArray(value) };

    /// <summary>What <c>_translate_filters(filters, None)</c> sends for one type.</summary>
    private static JObject AllOf(params JObject[] conditions) => new() { ["logical_operator"] = "and", ["conditions"] = new JArray(conditions) };

    /// <summary>Sends what <c>text_search</c> sends: every key, <c>project_ids</c> an empty list when not given.</summary>
    private async Task<JToken> SearchAsync(string text, JObject entityTypes, int? limit = null, int[]? projectIds = null) =>
        await Sg.CallMethodAsync("query_display_name_cache", new JObject
        {
            ["text"] = text,
            ["entity_types"] = entityTypes,
            ["project_ids"] = new JArray(projectIds ?? []),
            ["max_results"] = limit,
        });
}
