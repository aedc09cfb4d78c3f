using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

/// <summary><c>activity_stream</c> (the Python API's <c>activity_stream_read</c>) through our client over loopback.</summary>
public sealed class ActivityStreamMethodTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));
    private EmulatorSite _site = null!;
    private EntityRef _project = null!;
    private EntityRef _shot = null!;
    private EntityRef _note = null!;

    private ShotgunClient Sg => _site.Client;

    public async Task InitializeAsync()
    {
        _site = await EmulatorSite.StartAsync(siteTime: _time);
        _project = (await Sg.CreateAsync("Project", new { name = "Stream" })).ToRef();
        // As the Python API's TestActivityStream sets up: a Shot, then a Note linked to it.
        _shot = (await Sg.CreateAsync("Shot", new { code = "sh010", project = _project })).ToRef();
        _time.Advance(TimeSpan.FromSeconds(1));
        _note = (await Sg.CreateAsync("Note", new { content = "Test!", project = _project, note_links = new[] { _shot } })).ToRef();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task ActivityStream_ShotWithALinkedNote_ReturnsBothCreatesNewestFirst()
    {
        var stream = await StreamAsync(_shot);

        Assert.Equal(["earliest_update_id", "entity_id", "entity_type", "latest_update_id", "updates"], JsonKeys.Sorted(stream));
        Assert.Equal("Shot", (string?)stream["entity_type"]);
        Assert.Equal(_shot.Id, (int)stream["entity_id"]!);
        var updates = (JArray)stream["updates"]!;
        Assert.Equal(2, updates.Count);
        Assert.Equal(["create", "create"], updates.Select(u => (string?)u["update_type"]));
        Assert.Equal(["Note", "Shot"], updates.Select(u => (string?)u["meta"]!["entity_type"]));
        Assert.Equal("new_entity", (string?)updates[0]["meta"]!["type"]);
        Assert.Equal((int)updates[0]["id"]!, (int)stream["latest_update_id"]!);
        Assert.Equal((int)updates[1]["id"]!, (int)stream["earliest_update_id"]!);
        Assert.True((int)updates[0]["id"]! > (int)updates[1]["id"]!);
        var first = (JObject)updates[0];
        Assert.Equal(["created_at", "created_by", "id", "meta", "primary_entity", "read", "update_type"], JsonKeys.Sorted(first));
        Assert.Equal("2025-03-14 09:30:01 UTC", (string?)first["created_at"]);
        Assert.False((bool)first["read"]!);
        Assert.Equal(["id", "image", "name", "status", "type"], JsonKeys.Sorted(first["created_by"]!));
        Assert.Equal("ApiUser", (string?)first["created_by"]!["type"]);
        Assert.Equal(["id", "name", "status", "type"], JsonKeys.Sorted(first["primary_entity"]!));
        Assert.Equal(_note.Id, (int)first["primary_entity"]!["id"]!);
        Assert.Equal("sh010", (string?)updates[1]["primary_entity"]!["name"]);
        Assert.Equal("wtg", (string?)updates[1]["primary_entity"]!["status"]);
    }

    [Fact]
    public async Task ActivityStream_FieldChange_IsAnUpdateCarryingTheEventsMeta()
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        await Sg.UpdateAsync("Shot", _shot.Id, new { sg_status_list = "ip" });

        var updates = (JArray)(await StreamAsync(_shot))["updates"]!;

        Assert.Equal(["update", "create", "create"], updates.Select(u => (string?)u["update_type"]));
        var meta = updates[0]["meta"]!;
        Assert.Equal("attribute_change", (string?)meta["type"]);
        Assert.Equal("sg_status_list", (string?)meta["attribute_name"]);
        Assert.Equal("wtg", (string?)meta["old_value"]);
        Assert.Equal("ip", (string?)meta["new_value"]);
        Assert.Equal("ip", (string?)updates[0]["primary_entity"]!["status"]);
    }

    [Fact]
    public async Task ActivityStream_ReplyAndRetirement_AreCreateReplyAndDelete()
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        var reply = (await Sg.CreateAsync("Reply", new { content = "On it", entity = _note })).ToRef();
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Sg.DeleteAsync("Shot", _shot.Id));

        var updates = (JArray)(await StreamAsync(_shot))["updates"]!;

        Assert.Equal(["delete", "create_reply", "create", "create"], updates.Select(u => (string?)u["update_type"]));
        Assert.Equal(reply.Id, (int)updates[1]["meta"]!["entity_id"]!);
        Assert.Equal(_note.Id, (int)updates[1]["primary_entity"]!["id"]!);
    }

    [Fact]
    public async Task ActivityStream_Limit_KeepsTheNewest()
    {
        var stream = await StreamAsync(_shot, new JObject { ["limit"] = 1 });

        var update = Assert.Single((JArray)stream["updates"]!);
        Assert.Equal("create", (string?)update["update_type"]);
        Assert.Equal("Note", (string?)update["meta"]!["entity_type"]);
        Assert.Equal((int)update["id"]!, (int)stream["earliest_update_id"]!);
    }

    [Fact]
    public async Task ActivityStream_MaxIdAndMinId_PageInclusively()
    {
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Sg.UpdateAsync("Shot", _shot.Id, new { description = $"take {i}" });
        }

        var all = ((JArray)(await StreamAsync(_shot))["updates"]!).Select(u => (int)u["id"]!).ToList();
        Assert.Equal(6, all.Count);

        var paged = new List<int>();
        int? maxId = null;
        for (var page = 0; page < 10; page++)
        {
            var parameters = new JObject { ["limit"] = 4, ["max_id"] = maxId };
            var stream = await StreamAsync(_shot, parameters);
            var ids = ((JArray)stream["updates"]!).Select(u => (int)u["id"]!).ToList();
            paged.AddRange(ids);
            if (ids.Count < 4)
            {
                break;
            }

            maxId = (int)stream["earliest_update_id"]! - 1;
        }

        Assert.Equal(all, paged);
        var topUp = (JArray)(await StreamAsync(_shot, new JObject { ["min_id"] = all[2] }))["updates"]!;
        Assert.Equal(all.Take(3), topUp.Select(u => (int)u["id"]!));
        var window = (JArray)(await StreamAsync(_shot, new JObject { ["min_id"] = all[3], ["max_id"] = all[1] }))["updates"]!;
        Assert.Equal(all.Skip(1).Take(3), window.Select(u => (int)u["id"]!));
    }

    [Fact]
    public async Task ActivityStream_NothingInTheWindow_AnswersNullIds()
    {
        var stream = await StreamAsync(_shot, new JObject { ["min_id"] = 1_000_000 });

        Assert.Empty((JArray)stream["updates"]!);
        Assert.Equal(JTokenType.Null, stream["latest_update_id"]!.Type);
        Assert.Equal(JTokenType.Null, stream["earliest_update_id"]!.Type);
    }

    [Fact]
    public async Task ActivityStream_EntityFields_ExtendThePrimaryEntityPerType()
    {
        var fields = new JObject { ["Shot"] = new JArray("project.Project.name"), ["Note"] = new JArray("content") };

        var updates = (JArray)(await StreamAsync(_shot, new JObject { ["entity_fields"] = fields }))["updates"]!;

        Assert.Equal(["content", "id", "name", "status", "type"], JsonKeys.Sorted(updates[0]["primary_entity"]!));
        Assert.Equal("Test!", (string?)updates[0]["primary_entity"]!["content"]);
        Assert.Equal(["id", "name", "project.Project.name", "status", "type"], JsonKeys.Sorted(updates[1]["primary_entity"]!));
        Assert.Equal("Stream", (string?)updates[1]["primary_entity"]!["project.Project.name"]);
    }

    [Fact]
    public async Task ActivityStream_Project_HoldsEveryCreateInIt()
    {
        var other = (await Sg.CreateAsync("Project", new { name = "Elsewhere" })).ToRef();
        await Sg.CreateAsync("Shot", new { code = "sh999", project = other });

        var updates = (JArray)(await StreamAsync(_project))["updates"]!;

        Assert.Equal(["Note:" + _note.Id, "Shot:" + _shot.Id, "Project:" + _project.Id],
            updates.Select(u => $"{u["primary_entity"]!["type"]}:{u["primary_entity"]!["id"]}"));
    }

    [Fact]
    public async Task ActivityStream_MissingEntity_FaultsNotFound()
    {
        var fault = await Assert.ThrowsAsync<ShotgunFault>(() => Sg.CallMethodAsync("activity_stream", new JObject { ["type"] = "Shot", ["id"] = 999_999 }));

        Assert.Equal(104, fault.ErrorCode);
        Assert.Contains("999999", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\": \"NoSuchType\", \"id\": 1}", "NoSuchType")]
    [InlineData("{\"type\": \"Shot\", \"id\": \"1\"}", "id")]
    [InlineData("{\"type\": \"Shot\", \"limit\": 0}", "limit")]
    [InlineData("{\"type\": \"Shot\", \"min_id\": \"5\"}", "min_id")]
    [InlineData("{\"type\": \"Shot\", \"max_id\": 1.5}", "max_id")]
    [InlineData("{\"type\": \"Shot\", \"entity_fields\": {\"Shot\": [\"no_such_field\"]}}", "no_such_field")]
    public async Task ActivityStream_BadParameters_FaultInvalid(string parameters, string named)
    {
        var body = JObject.Parse(parameters);
        body["id"] ??= _shot.Id;

        var fault = await Assert.ThrowsAsync<ShotgunFault>(() => Sg.CallMethodAsync("activity_stream", body));

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains(named, fault.Message, StringComparison.Ordinal);
    }

    /// <summary>Sends what <c>activity_stream_read</c> sends: every key, null when not given.</summary>
    private async Task<JObject> StreamAsync(EntityRef entity, JObject? options = null)
    {
        var parameters = new JObject
        {
            ["type"] = entity.Type,
            ["id"] = entity.Id,
            ["max_id"] = options?["max_id"] ?? JValue.CreateNull(),
            ["min_id"] = options?["min_id"] ?? JValue.CreateNull(),
            ["limit"] = options?["limit"] ?? JValue.CreateNull(),
            ["entity_fields"] = options?["entity_fields"] ?? new JObject(),
        };
        return (JObject)await Sg.CallMethodAsync("activity_stream", parameters);
    }
}
