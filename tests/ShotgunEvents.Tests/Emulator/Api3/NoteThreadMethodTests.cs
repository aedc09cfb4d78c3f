using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Tests.Client.Support;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Emulator.Api3;

/// <summary><c>note_thread_contents</c> (the Python API's <c>note_thread_read</c>) through our client over loopback.</summary>
public sealed class NoteThreadMethodTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));
    private EmulatorSite _site = null!;
    private EntityRef _project = null!;

    private ShotgunClient Sg => _site.Client;

    public async Task InitializeAsync()
    {
        _site = await EmulatorSite.StartAsync(siteTime: _time);
        _project = (await Sg.CreateAsync("Project", new { name = "Threads" })).ToRef();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task NoteThreadContents_NoteRepliesAndAttachment_ReturnsThemOldestFirstWithTheDefaultFields()
    {
        var note = await CreateLaterAsync("Note", new { content = "More fog.", subject = "fog", project = _project });
        // The emulator does not fill a Reply's author from its creator (a site does): name one.
        var author = (await Sg.CreateAsync("HumanUser", new { login = "jane", name = "Jane Doe" })).ToRef();
        var reply = await CreateLaterAsync("Reply", new { content = "Added fog.", entity = note, user = author });
        var attachment = await CreateLaterAsync("Attachment", new { display_name = "fog.png", attachment_links = new[] { note } });
        var second = await CreateLaterAsync("Reply", new { content = "Thanks.", entity = note });

        var thread = (JArray)await Sg.CallMethodAsync("note_thread_contents", new JObject { ["note_id"] = note.Id, ["entity_fields"] = new JObject() });

        Assert.Equal(["Note:" + note.Id, "Reply:" + reply.Id, "Attachment:" + attachment.Id, "Reply:" + second.Id],
            thread.Select(t => $"{t["type"]}:{t["id"]}"));
        Assert.Equal(["content", "created_at", "created_by", "id", "type"], JsonKeys.Sorted(thread[0]));
        Assert.Equal(["content", "created_at", "id", "type", "user"], JsonKeys.Sorted(thread[1]));
        Assert.Equal(["created_at", "created_by", "id", "type"], JsonKeys.Sorted(thread[2]));
        Assert.Equal("More fog.", (string?)thread[0]["content"]);
        Assert.Equal("2025-03-14T09:30:01Z", (string?)thread[0]["created_at"]);
        Assert.Equal("Added fog.", (string?)thread[1]["content"]);
        // A Reply's user carries the user's thumbnail (null here: Jane has none); the rest is a read's link.
        var user = (JObject)thread[1]["user"]!;
        Assert.Equal(["id", "image", "name", "type"], JsonKeys.Sorted(user));
        Assert.Equal(author.Id, (int)user["id"]!);
        Assert.Equal("Jane Doe", (string?)user["name"]);
        Assert.Equal(JTokenType.Null, user["image"]!.Type);
        var read = (JArray)((JObject)await Sg.CallMethodAsync("read", ReadOne("Note", note.Id, "content", "created_at", "created_by")))["entities"]!;
        Assert.True(JToken.DeepEquals(read[0], thread[0]), $"thread Note {thread[0]} differs from a read {read[0]}");
    }

    [Fact]
    public async Task NoteThreadContents_EntityFields_AddsEachTypesFields()
    {
        var shot = (await Sg.CreateAsync("Shot", new { code = "sh010", project = _project })).ToRef();
        var note = await CreateLaterAsync("Note", new { content = "Look", project = _project, note_links = new[] { shot } });
        await CreateLaterAsync("Reply", new { content = "Seen", entity = note });
        await CreateLaterAsync("Attachment", new { display_name = "a.png", attachment_links = new[] { note } });
        var fields = new JObject
        {
            ["Note"] = new JArray("note_links", "project.Project.name"),
            ["Reply"] = new JArray("entity"),
            ["Attachment"] = new JArray("display_name"),
        };

        var thread = (JArray)await Sg.CallMethodAsync("note_thread_contents", new JObject { ["note_id"] = note.Id, ["entity_fields"] = fields });

        Assert.Equal(["content", "created_at", "created_by", "id", "note_links", "project.Project.name", "type"], JsonKeys.Sorted(thread[0]));
        Assert.Equal(shot.Id, (int)thread[0]["note_links"]![0]!["id"]!);
        Assert.Equal("Threads", (string?)thread[0]["project.Project.name"]);
        Assert.Equal(note.Id, (int)thread[1]["entity"]!["id"]!);
        Assert.Equal("a.png", (string?)thread[2]["display_name"]);
    }

    [Fact]
    public async Task NoteThreadContents_RetiredReplyAndOtherNotesReply_AreLeftOut()
    {
        var note = await CreateLaterAsync("Note", new { content = "One", project = _project });
        var other = await CreateLaterAsync("Note", new { content = "Two", project = _project });
        var retired = await CreateLaterAsync("Reply", new { content = "Gone", entity = note });
        await CreateLaterAsync("Reply", new { content = "Elsewhere", entity = other });
        Assert.True(await Sg.DeleteAsync("Reply", retired.Id));

        var thread = (JArray)await Sg.CallMethodAsync("note_thread_contents", new JObject { ["note_id"] = note.Id });

        Assert.Equal(["Note"], thread.Select(t => (string?)t["type"]));
    }

    [Fact]
    public async Task NoteThreadContents_MissingOrRetiredNote_FaultsNotFound()
    {
        var note = await CreateLaterAsync("Note", new { content = "x", project = _project });
        Assert.True(await Sg.DeleteAsync("Note", note.Id));

        var missing = await Assert.ThrowsAsync<ShotgunFault>(() => Sg.CallMethodAsync("note_thread_contents", new JObject { ["note_id"] = 999_999 }));
        var retired = await Assert.ThrowsAsync<ShotgunFault>(() => Sg.CallMethodAsync("note_thread_contents", new JObject { ["note_id"] = note.Id }));

        Assert.Equal(104, missing.ErrorCode);
        Assert.Contains("999999", missing.Message, StringComparison.Ordinal);
        Assert.Equal(104, retired.ErrorCode);
    }

    [Theory]
    [InlineData("{\"note_id\": \"12\"}", "note_id")]
    [InlineData("{\"entity_fields\": [\"content\"]}", "entity_fields")]
    [InlineData("{\"entity_fields\": {\"Note\": \"content\"}}", "entity_fields")]
    [InlineData("{\"entity_fields\": {\"Note\": [\"no_such_field\"]}}", "no_such_field")]
    [InlineData("{\"entity_fields\": {\"NoSuchType\": [\"id\"]}}", "NoSuchType")]
    public async Task NoteThreadContents_BadParameters_FaultInvalid(string parameters, string named)
    {
        var note = await CreateLaterAsync("Note", new { content = "x", project = _project });
        var body = JObject.Parse(parameters);
        body["note_id"] ??= note.Id;

        var fault = await Assert.ThrowsAsync<ShotgunFault>(() => Sg.CallMethodAsync("note_thread_contents", body));

        Assert.Equal(103, fault.ErrorCode);
        Assert.Contains(named, fault.Message, StringComparison.Ordinal);
    }

    private static JObject ReadOne(string type, int id, params string[] fields) => new()
    {
        ["type"] = type,
        ["filters"] = new JObject
        {
            ["logical_operator"] = "and",
            ["conditions"] = new JArray(new JObject { ["path"] = "id", ["relation"] = "is", ["values"] = new JArray(id) }),
        },
        ["return_fields"] = new JArray(fields),
    };

    /// <summary>Creates a row one second after the previous one, so created order is unambiguous.</summary>
    private async Task<EntityRef> CreateLaterAsync(string type, object data)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        return (await Sg.CreateAsync(type, data)).ToRef();
    }
}
