using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Daemon.Plugins.Contract;

public sealed class ShotgunEventTests
{
    private const string Row = """
        {"type":"EventLogEntry","id":545175,"event_type":"Shotgun_Shot_Change","attribute_name":"description",
         "meta":{"type":"attribute_change","attribute_name":"description","entity_type":"Shot","entity_id":1246,
                 "old_value":"*Add fog and mist.","new_value":"*Add fog and mist with depth"},
         "entity":{"type":"Shot","id":1246,"name":"bunny_010_0010"},"user":{"type":"HumanUser","id":88,"name":"Jane Doe"},
         "project":{"type":"Project","id":122,"name":"Demo"},"session_uuid":"dd6a1d6a-83a0-11ec-8826-0242ac110006",
         "created_at":"2022-02-01T20:53:08Z","description":"Jane changed the description"}
        """;

    [Fact]
    public void FromJson_SiteRow_FillsTypedMembers()
    {
        var evt = ShotgunEvent.FromJson(Parse(Row));

        Assert.Equal(545175, evt.Id);
        Assert.Equal("Shotgun_Shot_Change", evt.EventType);
        Assert.Equal("description", evt.AttributeName);
        Assert.Equal(new EntityRef("Shot", 1246, "bunny_010_0010"), evt.Entity);
        Assert.Equal(new EntityRef("Project", 122, "Demo"), evt.Project);
        Assert.Equal(new EntityRef("HumanUser", 88, "Jane Doe"), evt.User);
        Assert.Equal("*Add fog and mist with depth", evt.Meta.Value<string>("new_value"));
        Assert.Equal("dd6a1d6a-83a0-11ec-8826-0242ac110006", evt.SessionUuid);
        Assert.Equal(new DateTimeOffset(2022, 2, 1, 20, 53, 8, TimeSpan.Zero), evt.CreatedAt);
        Assert.Equal(TimeSpan.Zero, evt.CreatedAt.Offset);
        Assert.Equal("Jane changed the description", evt["description"]!.Value<string>());
        Assert.Same(evt.Raw, evt.Raw);
    }

    [Fact]
    public void FromJson_CreatedAtParsedAsDateByNewtonsoft_IsStillUtc()
    {
        // JObject.Parse turns ISO strings into DateTime tokens by default; either form must give the same instant.
        var asDate = JObject.Parse(Row);
        Assert.Equal(JTokenType.Date, asDate["created_at"]!.Type);

        var evt = ShotgunEvent.FromJson(asDate);

        Assert.Equal(new DateTimeOffset(2022, 2, 1, 20, 53, 8, TimeSpan.Zero), evt.CreatedAt);
    }

    [Fact]
    public void FromJson_UtcSuffixForm_IsAccepted()
    {
        var raw = Parse(Row);
        raw["created_at"] = "2022-02-01 20:53:08 UTC";

        Assert.Equal(new DateTimeOffset(2022, 2, 1, 20, 53, 8, TimeSpan.Zero), ShotgunEvent.FromJson(raw).CreatedAt);
    }

    [Fact]
    public void FromJson_NewEventWithNulls_HasNullAttributeAndEmptyMeta()
    {
        var raw = Parse("""{"id":9,"event_type":"Shotgun_Shot_New","attribute_name":null,"meta":null,"entity":null,"created_at":"2024-01-02T03:04:05Z"}""");

        var evt = ShotgunEvent.FromJson(raw);

        Assert.Null(evt.AttributeName);
        Assert.Null(evt.Entity);
        Assert.Null(evt.User);
        Assert.Null(evt.SessionUuid);
        Assert.Empty(evt.Meta);
        Assert.Equal("EventLogEntry #9 Shotgun_Shot_New", evt.ToString());
    }

    [Theory]
    [InlineData("""{"event_type":"Shotgun_Shot_New","created_at":"2024-01-02T03:04:05Z"}""", "'id'")]
    [InlineData("""{"id":"12","event_type":"Shotgun_Shot_New","created_at":"2024-01-02T03:04:05Z"}""", "'id'")]
    [InlineData("""{"id":12,"created_at":"2024-01-02T03:04:05Z"}""", "'event_type'")]
    [InlineData("""{"id":12,"event_type":"Shotgun_Shot_New"}""", "'created_at'")]
    [InlineData("""{"id":12,"event_type":"Shotgun_Shot_New","created_at":"yesterday"}""", "'created_at'")]
    public void FromJson_MissingOrBadField_ThrowsNamingIt(string json, string field)
    {
        var error = Assert.Throws<FormatException>(() => ShotgunEvent.FromJson(Parse(json)));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    private static JObject Parse(string json) =>
        JObject.Load(new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None });
}
