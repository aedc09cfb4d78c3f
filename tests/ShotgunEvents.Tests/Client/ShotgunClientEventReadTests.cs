using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;

namespace ShotgunEvents.Tests.Client;

/// <summary>
/// The engine's streamed event read (<c>ShotgunClient.ReadEventsAsync</c>) against the JObject way
/// (<c>FindAsync</c> then <c>ShotgunEvent.FromJson</c>) on the same answer from a loopback site: the same events, the
/// same errors.
/// </summary>
public sealed class ShotgunClientEventReadTests
{
    private const string Key = "event-read-key-77c2";

    private static readonly string[] Fields =
        ["id", "event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at"];

    /// <summary>Every kind of field value a row carries: links, null, dates in both forms, nested lists, numbers, escapes.</summary>
    private static readonly string[] Rows =
    [
        """{"type":"EventLogEntry","id":7,"event_type":"Shotgun_Shot_Change","attribute_name":"sg_status_list","meta":{"type":"attribute_change","attribute_name":"sg_status_list","entity_type":"Shot","entity_id":12,"old_value":"wtg","new_value":"ip","field_data_type":"status_list"},"entity":{"type":"Shot","id":12,"name":"sh&lt;010"},"user":{"type":"HumanUser","id":3,"name":"Jane"},"project":{"type":"Project","id":70,"name":"Demo"},"session_uuid":"5a1d49b0-0c69-11e0-a24c-003048d17544","created_at":"2024-01-02T03:04:05Z"}""",
        """{"type":"EventLogEntry","id":8,"event_type":"Shotgun_Shot_Change","attribute_name":"assets","meta":{"type":"attribute_change","added":[{"type":"Asset","id":4,"name":"tree","valid":"valid"},{"type":"Asset","id":5,"name":null}],"removed":[],"nested":[[1,2.5,true,false,null],{"deep":["&lt;x"]}],"big":12345678901,"ratio":0.25},"entity":{"type":"Shot","id":12,"name":"sh010"},"user":{"type":"ApiUser","id":1,"name":"script"},"project":null,"session_uuid":null,"created_at":"2024-01-02 03:04:06 UTC"}""",
        """{"type":"EventLogEntry","id":9,"event_type":"Shotgun_Shot_Retirement","attribute_name":null,"meta":null,"entity":null,"user":{"type":"HumanUser","id":3},"project":{"type":"Project","id":70,"name":"Demo"},"session_uuid":"","created_at":"2024-01-02T03:04:07+02:00","extra":"kept"}""",
        """{"id":10,"event_type":"Shotgun_Version_New","created_at":"2024-01-02T03:04:08Z","entity":{"type":"Version","id":"not-a-number"},"meta":"text"}""",
        """{"id":11,"event_type":"Shotgun_Version_New","created_at":"2024-01-02T03:04:09Z","entity":{"type":5,"id":6,"name":7},"attribute_name":3}""",
    ];

    [Fact]
    public async Task ReadEventsAsync_EveryFieldKind_GivesExactlyTheEventsOfFromJson()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false, Rows));
        using var client = Connect(site);

        var streamed = await ReadStreamedAsync(client);
        var old = await ReadOldAsync(client);

        Assert.Equal(old.Count, streamed.Count);
        for (var i = 0; i < old.Count; i++)
        {
            AssertSame(old[i], streamed[i]);
        }
    }

    [Fact]
    public async Task ReadEventsAsync_CloneOfAStreamedEvent_MaterialisesItsOwnRecord()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false, Rows[0]));
        using var client = Connect(site);
        var original = Assert.Single(await ReadStreamedAsync(client));

        var first = original.Clone();
        var second = original.Clone();
        first.Meta["new_value"] = "changed";
        first.Raw["extra"] = 1;

        Assert.Equal("ip", (string?)second.Meta["new_value"]);
        Assert.Null(second.Raw["extra"]);
        Assert.Equal("ip", (string?)original.Meta["new_value"]);
        Assert.Equal("sh<010", (string?)second.Raw["entity"]!["name"]);
    }

    [Fact]
    public async Task ReadEventsAsync_NoLimit_FollowsHasNextPage()
    {
        await using var site = RecordingSite.WithInfo(
            request => request.Params[1]!["paging"]!.Value<int>("current_page") == 1 ? Page(true, Rows[0], Rows[1]) : Page(false, Rows[2]),
            info: """{"version":[8,50,0],"api_max_entities_per_page":2}""");
        using var client = Connect(site);

        var streamed = await client.ReadEventsAsync(null, Fields, new FindOptions(), CancellationToken.None);

        Assert.Equal([7, 8, 9], streamed.Select(e => e.Id));
    }

    [Theory]
    [InlineData("""{"results":{"entities":[{"id":1,"event_type":"x","created_at":"2024-01-02T03:04:05Z"}""")]
    [InlineData("""{"exception":true,"error_code":103,"message":"No permission"}""")]
    [InlineData("""{"results":{"entities":[{"id":1,"event_type":"x","created_at":"2024-01-02T03:04:05Z"}]},"exception":true,"message":"late fault"}""")]
    [InlineData("""{"results":{"entities":{"id":1}}}""")]
    [InlineData("""{"results":{"entities":[5]}}""")]
    [InlineData("""{"results":{"paging_info":{"has_next_page":false}}}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"results":{"entities":[{"event_type":"x","created_at":"2024-01-02T03:04:05Z"}]}}""")]
    [InlineData("""{"results":{"entities":[{"id":0,"event_type":"x","created_at":"2024-01-02T03:04:05Z"}]}}""")]
    [InlineData("""{"results":{"entities":[{"id":1,"event_type":"","created_at":"2024-01-02T03:04:05Z"}]}}""")]
    [InlineData("""{"results":{"entities":[{"id":1,"event_type":"x","created_at":"yesterday"}]}}""")]
    [InlineData("""{"results":{"entities":[{"id":1,"event_type":"x","created_at":"2024-01-02T03:04:05Z","entity":{"type":"Shot","id":99999999999}}]}}""")]
    public async Task ReadEventsAsync_MalformedPage_FailsExactlyAsTheJObjectWay(string body)
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Json(body));
        using var client = Connect(site);

        var old = await Record.ExceptionAsync(() => ReadOldAsync(client));
        var streamed = await Record.ExceptionAsync(() => ReadStreamedAsync(client));

        Assert.NotNull(old);
        Assert.NotNull(streamed);
        Assert.Equal(old.GetType(), streamed.GetType());
        Assert.Equal(old.Message, streamed.Message);
        Assert.False(string.IsNullOrWhiteSpace(streamed.Message));
    }

    [Fact]
    public async Task ReadEventsAsync_InvalidJson_NamesTheMethodAndTheProblem()
    {
        await using var site = RecordingSite.WithInfo(_ => CannedResponse.Json("""{"results":{"entities":[{"id":1,"""));
        using var client = Connect(site);

        var error = await Assert.ThrowsAsync<ProtocolError>(() => ReadStreamedAsync(client));

        Assert.Contains("read at", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadEventsAsync_RowWithoutId_NamesTheField()
    {
        await using var site = RecordingSite.WithInfo(_ => Page(false, """{"event_type":"x","created_at":"2024-01-02T03:04:05Z"}"""));
        using var client = Connect(site);

        var error = await Assert.ThrowsAsync<FormatException>(() => ReadStreamedAsync(client));

        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSame(ShotgunEvent expected, ShotgunEvent actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.EventType, actual.EventType);
        Assert.Equal(expected.AttributeName, actual.AttributeName);
        Assert.Equal(expected.Entity, actual.Entity);
        Assert.Equal(expected.Project, actual.Project);
        Assert.Equal(expected.User, actual.User);
        Assert.Equal(expected.SessionUuid, actual.SessionUuid);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.CreatedAt.Offset, actual.CreatedAt.Offset);
        // The text form keeps the order of the properties and the type of every value (an integer stays an integer).
        Assert.Equal(expected.Raw.ToString(Formatting.None), actual.Raw.ToString(Formatting.None));
        Assert.Equal(expected.Meta.ToString(Formatting.None), actual.Meta.ToString(Formatting.None));
        Assert.Equal(Types(expected.Raw), Types(actual.Raw));
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    private static string[] Types(JObject record) =>
        record.DescendantsAndSelf().Select(t => t.Type.ToString()).ToArray();

    private static Task<IReadOnlyList<ShotgunEvent>> ReadStreamedAsync(ShotgunClient client) =>
        client.ReadEventsAsync(Filter.GreaterThan("id", 0), Fields, new FindOptions { Order = [SortOrder.Asc("id")], Limit = 500 }, CancellationToken.None);

    private static async Task<IReadOnlyList<ShotgunEvent>> ReadOldAsync(ShotgunClient client)
    {
        var rows = await client.FindAsync("EventLogEntry", Filter.GreaterThan("id", 0), Fields, new FindOptions { Order = [SortOrder.Asc("id")], Limit = 500 });
        return rows.Select(r => ShotgunEvent.FromJson(r.Raw)).ToArray();
    }

    private static ShotgunClientOptions Options(RecordingSite site) => new()
    {
        Site = site.BaseUrl,
        Timeout = TimeSpan.FromSeconds(10),
        RetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
    };

    private static ShotgunClient Connect(RecordingSite site) => new(Options(site), ShotgunCredentials.Script("test", Key));

    private static CannedResponse Page(bool hasNext, params string[] entities) =>
        CannedResponse.Results("{\"entities\":[" + string.Join(",", entities) + "],\"paging_info\":{\"has_next_page\":" + (hasNext ? "true" : "false") + "}}");
}
