using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// Decides which events belong to one entity's activity stream (see <see cref="ActivityStreamMethod"/> for the
/// rules, most of them guesses) from the compact event rows, so a scan of a large log stays cheap.
/// </summary>
internal sealed class StreamContext
{
    private const string NoteType = "Note";
    private const string ReplyType = "Reply";

    private readonly SiteData _site;
    private readonly string _type;
    private readonly int _id;
    private readonly HashSet<int> _notes;
    private readonly Dictionary<int, int> _replies;

    public StreamContext(SiteData site, string type, int id)
    {
        _site = site;
        _type = type;
        _id = id;
        // Linked Notes and their Replies are found from today's links, as the stream is read.
        _notes = type == NoteType
            ? [id]
            : [.. Records(site, NoteType).Where(n => LinksTo(n.Stored("note_links") as JArray, type, id)
                || (type == "Project" && n.Stored("project") is JObject project && (int?)project["id"] == id)).Select(n => n.Id)];
        _replies = Records(site, ReplyType)
            .Select(r => (r.Id, Link: r.Stored("entity") as JObject))
            .Where(r => (string?)r.Link?["type"] == NoteType && r.Link!.Value<int?>("id") is { } note && _notes.Contains(note))
            .ToDictionary(r => r.Id, r => (int)r.Link!["id"]!);
    }

    public StreamUpdate? Classify(in EventRow row)
    {
        var log = _site.Events;
        var eventType = log.Strings[row.EventType];
        var entityType = log.Strings.Get(row.EntityType);
        if (entityType is null || !eventType.StartsWith("Shotgun_", StringComparison.Ordinal))
        {
            return null;
        }

        var action = eventType[(eventType.LastIndexOf('_') + 1)..];
        var own = (entityType == _type && row.EntityId == _id) || (_type == "Project" && row.ProjectId == _id);
        if (own)
        {
            return action switch
            {
                "New" => new StreamUpdate("create", entityType, row.EntityId),
                "Change" when IsEditChange(row) => new StreamUpdate("update", entityType, row.EntityId),
                "Retirement" => new StreamUpdate("delete", entityType, row.EntityId),
                _ => null,
            };
        }

        if (action != "New")
        {
            return null;
        }

        if (entityType == NoteType && _notes.Contains(row.EntityId))
        {
            return new StreamUpdate("create", NoteType, row.EntityId);
        }

        return entityType == ReplyType && _replies.TryGetValue(row.EntityId, out var noteId)
            ? new StreamUpdate("create_reply", NoteType, noteId)
            : null;
    }

    private static bool LinksTo(JArray? links, string type, int id) =>
        (links ?? []).OfType<JObject>().Any(l => (string?)l["type"] == type && (int?)l["id"] == id);

    private static IEnumerable<EntityRecord> Records(SiteData site, string type) =>
        site.TryGetTable(type, out var table) ? table.Records.Values.Where(r => !r.Retired) : [];

    /// <summary>A change a user made after the create: not one of the create's own field rows, not a retirement's date.</summary>
    private bool IsEditChange(in EventRow row)
    {
        var log = _site.Events;
        if (log.Strings.Get(row.Attribute) == "retirement_date")
        {
            return false;
        }

        var meta = new EventView(row, log).Read("meta", _site);
        return meta is not JObject { } change || change.Value<bool?>("in_create") != true;
    }
}
