using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>note_thread_contents</c> (the Python API's <c>note_thread_read</c>): <c>{"note_id", "entity_fields"}</c> →
/// the Note, its live Replies and its live Attachments as one list, oldest first.
/// </summary>
/// <remarks>
/// Shapes follow the Python API's own tests (<c>TestNoteThreadRead</c>): a Note has <c>content, created_at,
/// created_by</c>, a Reply <c>content, created_at, user</c>, an Attachment <c>created_at, created_by</c>, each with
/// <c>type</c> and <c>id</c> plus its type's <c>entity_fields</c>, and each equal to what a read of the same fields
/// returns, except that a Reply's <c>user</c> also carries the user's thumbnail as <c>image</c>. The Python API's
/// docstring example differs (created_at as <c>"2015-07-14 21:33:28 UTC"</c>, links with <c>status</c> and
/// <c>valid</c>) and says "descending chronological order" while listing the Note first; the tests (Note, then
/// Reply, then Attachment) are followed here. Which Attachments belong to a thread is a guess: those whose
/// <c>attachment_links</c> name the Note, or that the Note's <c>attachments</c> field lists; files attached to a
/// Reply only are not included.
/// </remarks>
internal static class NoteThreadMethod
{
    private const string Method = "note_thread_contents";

    public static JToken Run(EmulatorStore store, JToken? rawParameters) => store.Read(site =>
    {
        var parameters = Api3Params.Object(rawParameters, Method);
        if (parameters["note_id"] is not { Type: JTokenType.Integer } idToken)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {Method}() requires an integer note_id, got {parameters["note_id"]?.ToString(Formatting.None) ?? "nothing"}.");
        }

        var noteId = (int)idToken;
        var extra = EntityFields.Parse(site, parameters["entity_fields"], Method);
        var noteSchema = site.Schema.GetEntity("Note", Method);
        // The text a missing or retired Note gets is a guess, worded like the emulator's other missing-entity faults.
        var note = site.FindLive(noteSchema.Name, noteId)
            ?? throw new EmulatorException(ErrorCodes.NotFoundOrDenied, $"API {Method}() Note with id={noteId} does not exist.");

        var items = new List<(EntityRecord Record, int Rank)> { (note, 0) };
        items.AddRange(Replies(site, noteId).Select(r => (r, 1)));
        items.AddRange(Attachments(site, note).Select(a => (a, 2)));

        var result = new JArray();
        foreach (var (record, _) in items
            .OrderBy(i => (string?)i.Record.Read("created_at", site), StringComparer.Ordinal)
            .ThenBy(i => i.Rank)
            .ThenBy(i => i.Record.Id))
        {
            result.Add(Render(site, record, extra));
        }

        return (JToken)result;
    });

    private static IEnumerable<EntityRecord> Replies(SiteData site, int noteId) =>
        site.TryGetTable("Reply", out var replies)
            ? replies.Records.Values.Where(r => !r.Retired && r.Stored("entity") is JObject link
                && (string?)link["type"] == "Note" && (int?)link["id"] == noteId)
            : [];

    private static IEnumerable<EntityRecord> Attachments(SiteData site, EntityRecord note)
    {
        if (!site.TryGetTable("Attachment", out var attachments))
        {
            return [];
        }

        var listed = (note.Stored("attachments") as JArray ?? []).OfType<JObject>()
            .Where(l => (string?)l["type"] == "Attachment").Select(l => (int?)l["id"]).ToHashSet();
        return attachments.Records.Values.Where(a => !a.Retired
            && (listed.Contains(a.Id) || (a.Stored("attachment_links") as JArray ?? []).OfType<JObject>()
                .Any(l => (string?)l["type"] == "Note" && (int?)l["id"] == note.Id)));
    }

    private static JObject Render(SiteData site, EntityRecord record, EntityFields extra)
    {
        string[] defaults = record.Type switch
        {
            "Note" => ["content", "created_at", "created_by"],
            "Reply" => ["content", "created_at", "user"],
            _ => ["created_at", "created_by"],
        };
        var fields = defaults.Where(record.Schema.HasField)
            .Select(f => FieldPath.Parse(site.Schema, record.Schema, f, Method))
            .Concat(extra.For(record.Type))
            .DistinctBy(f => f.Text, StringComparer.Ordinal);
        var rendered = RecordRenderer.Render(record, fields, site);
        if (record.Type == "Reply" && rendered["user"] is JObject user)
        {
            user["image"] = UserImage(site, user);
        }

        return rendered;
    }

    private static JToken UserImage(SiteData site, JObject link) =>
        site.Find((string)link["type"]!, (int)link["id"]!) is { } user && user.Schema.TryGetField("image", out var field) && field.Kind == FieldKind.Image
            ? user.Read("image", site)?.DeepClone() ?? JValue.CreateNull()
            : JValue.CreateNull();
}
