using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Writes;

/// <summary>
/// Creates an EventLogEntry directly (custom event types such as <c>Toolkit_App_Startup</c>): the row is appended as
/// sent, <c>description</c> defaults to "New Event", <c>user</c> and <c>session_uuid</c> to the caller's. Creating one
/// generates no further event.
/// </summary>
internal sealed class CustomEventWriter(SiteData site)
{
    public PendingEvent Create(IReadOnlyList<FieldAssignment> fields, Actor actor, WriteTransaction tx, Action<int> onCommitted, string method = "create")
    {
        var schema = site.Schema.GetEntity(SiteData.EventLogEntryType, method);
        var values = new Dictionary<string, JToken>(StringComparer.Ordinal);
        foreach (var assignment in fields)
        {
            // Every EventLogEntry field is editable:false in a site's schema, yet a custom event is made by setting them
            // (the Python API documents it); only the id is the site's.
            var field = SiteSchema.GetField(schema, assignment.Name, method);
            if (field.Name == "id")
            {
                throw WriteErrors.NotEditable(method, schema.Name, field.Name);
            }

            values[field.Name] = ValueCoercer.Coerce(site, field, assignment.Value, method);
        }

        var eventType = (string?)values.GetValueOrDefault("event_type");
        if (string.IsNullOrEmpty(eventType))
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() EventLogEntry.event_type is mandatory and cannot be empty.");
        }

        var pending = new PendingEvent
        {
            EventType = eventType,
            AttributeName = (string?)values.GetValueOrDefault("attribute_name"),
            Entity = Key(values.GetValueOrDefault("entity")),
            User = Key(values.GetValueOrDefault("user")) ?? actor.User,
            ProjectId = Key(values.GetValueOrDefault("project"))?.Id ?? 0,
            SessionUuid = (string?)values.GetValueOrDefault("session_uuid") ?? actor.SessionUuid,
            Meta = values.TryGetValue("meta", out var meta) && meta.Type != JTokenType.Null ? meta : null,
            Description = (string?)values.GetValueOrDefault("description") ?? "New Event",
            OnCommitted = onCommitted,
        };
        tx.AddEvent(pending);
        return pending;
    }

    private static EntityKey? Key(JToken? link) =>
        link is JObject obj ? new EntityKey((string)obj["type"]!, (int)obj["id"]!) : null;
}
