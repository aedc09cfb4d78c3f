using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>activity_stream</c> (the Python API's <c>activity_stream_read</c>): <c>{"type", "id", "min_id", "max_id",
/// "limit", "entity_fields"}</c> → <c>{entity_type, entity_id, latest_update_id, earliest_update_id, updates}</c>,
/// built from the emulator's own event log, newest first.
/// </summary>
/// <remarks>
/// <para>What the Python API documents and tests (<c>TestActivityStream</c>): the five keys; updates newest first;
/// a Shot with one linked Note has two updates, the Note's <c>create</c> first; <c>limit</c> cuts the list;
/// <c>primary_entity</c> is <c>{type, id, name, status}</c> plus its type's <c>entity_fields</c>; an update has
/// <c>id, update_type, meta, created_at, created_by, primary_entity, read</c>. The toolkit's activity widgets show
/// <c>update_type</c> <c>create</c>, <c>update</c>, <c>create_reply</c>, <c>delete</c>, and an <c>update</c>'s
/// <c>meta</c> is the event's <c>attribute_change</c> meta.</para>
/// <para>Guesses (a site keeps its own activity table, which the docs do not describe): an update's id is the id of
/// the EventLogEntry it comes from; <c>min_id</c>/<c>max_id</c> are inclusive; the default limit is
/// <see cref="DefaultLimit"/>; <c>latest_update_id</c>/<c>earliest_update_id</c> are the ids of the first and last
/// update returned, null when none; <c>read</c> is always false; <c>created_at</c> uses the docstring's
/// <c>"YYYY-MM-DD HH:MM:SS UTC"</c> form; <c>created_by</c> has <c>image</c> (the thumbnail URL or null) and
/// <c>status</c>. The stream of an entity holds its own create, field changes (not the <c>in_create</c> ones, nor the
/// <c>retirement_date</c> change of a retirement) and retirement (<c>delete</c>), the creation of each Note whose
/// <c>note_links</c> name it, and each Reply to those Notes (<c>create_reply</c>, primary entity the Note). A
/// Project's stream holds every such event stamped with the project, and the Replies to its Notes.</para>
/// </remarks>
internal static class ActivityStreamMethod
{
    public const int DefaultLimit = 25;

    private const string Method = "activity_stream";

    public static JToken Run(EmulatorStore store, JToken? rawParameters) => store.Read(site =>
    {
        var parameters = Api3Params.Object(rawParameters, Method);
        var entity = Api3Params.Entity(site, parameters, Method);
        var id = Api3Params.Id(parameters, Method);
        var minId = OptionalInt(parameters, "min_id");
        var maxId = OptionalInt(parameters, "max_id");
        var limit = OptionalInt(parameters, "limit") ?? DefaultLimit;
        if (limit < 1)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {Method}() limit must be 1 or more, got {limit}.");
        }

        var extra = EntityFields.Parse(site, parameters["entity_fields"], Method);
        if (entity.Name == SiteData.EventLogEntryType || site.Find(entity.Name, id) is null)
        {
            // Worded like the emulator's other missing-entity faults; a site's own text is not documented.
            throw new EmulatorException(ErrorCodes.NotFoundOrDenied, $"API {Method}() Entity of type [{entity.Name}] with id={id} does not exist.");
        }

        var updates = new JArray();
        var context = new StreamContext(site, entity.Name, id);
        var log = site.Events;
        var nowMs = site.NowMs;
        for (var i = (maxId is { } max ? log.IndexAfter(max) : log.Count) - 1; i >= 0 && updates.Count < limit; i--)
        {
            var row = log[i];
            if (minId is { } min && row.Id < min)
            {
                break;
            }

            if (log.IsVisible(row.Id, nowMs) && context.Classify(row) is { } update)
            {
                updates.Add(Render(site, new EventView(row, log), update, extra));
            }
        }

        return (JToken)new JObject
        {
            ["entity_type"] = entity.Name,
            ["entity_id"] = id,
            ["latest_update_id"] = updates.Count > 0 ? updates[0]["id"]!.DeepClone() : JValue.CreateNull(),
            ["earliest_update_id"] = updates.Count > 0 ? updates[updates.Count - 1]["id"]!.DeepClone() : JValue.CreateNull(),
            ["updates"] = updates,
        };
    });

    private static int? OptionalInt(JObject parameters, string name) => parameters[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        { Type: JTokenType.Integer } value => (int)value,
        var other => throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {Method}() {name} must be an integer or null, got {other.ToString(Formatting.None)}."),
    };

    private static JObject Render(SiteData site, EventView view, StreamUpdate update, EntityFields extra)
    {
        var row = view.Row;
        var log = site.Events;
        return new JObject
        {
            ["id"] = row.Id,
            ["update_type"] = update.UpdateType,
            ["meta"] = view.Read("meta", site)?.DeepClone() ?? JValue.CreateNull(),
            ["created_at"] = WireDates.FormatRetirement(DateTimeOffset.FromUnixTimeSeconds(row.CreatedAt)),
            ["created_by"] = row.UserType < 0 ? JValue.CreateNull() : CreatedBy(site, log.Strings[row.UserType], row.UserId),
            ["primary_entity"] = PrimaryEntity(site, update.PrimaryType, update.PrimaryId, extra),
            ["read"] = false,
        };
    }

    private static JObject CreatedBy(SiteData site, string type, int id)
    {
        var record = site.Find(type, id);
        return new JObject
        {
            ["type"] = type,
            ["id"] = id,
            ["name"] = record is null ? null : site.DisplayName(record),
            ["status"] = Status(site, record),
            ["image"] = record is not null && record.Schema.TryGetField("image", out var field) && field.Kind == FieldKind.Image
                ? record.Read("image", site)?.DeepClone() ?? JValue.CreateNull()
                : JValue.CreateNull(),
        };
    }

    private static JObject PrimaryEntity(SiteData site, string type, int id, EntityFields extra)
    {
        var record = site.Find(type, id);
        var result = record is null
            ? new JObject { ["type"] = type, ["id"] = id }
            : RecordRenderer.Render(record, extra.For(type), site);
        result["name"] = record is null ? null : site.DisplayName(record);
        result["status"] = Status(site, record);
        return result;
    }

    private static JToken Status(SiteData site, EntityRecord? record) =>
        record is not null && record.Schema.HasField("sg_status_list")
            ? record.Read("sg_status_list", site)?.DeepClone() ?? JValue.CreateNull()
            : JValue.CreateNull();
}
