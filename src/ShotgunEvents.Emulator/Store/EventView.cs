using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Store;

/// <summary>Reads one compact <see cref="EventRow"/> as an EventLogEntry record.</summary>
internal sealed class EventView(EventRow row, EventLog log) : IRow
{
    public string Type => SiteData.EventLogEntryType;

    public int Id => row.Id;

    public EventRow Row => row;

    public JToken? Read(string field, SiteData site) => field switch
    {
        "id" => new JValue(row.Id),
        "event_type" => new JValue(log.Strings[row.EventType]),
        "attribute_name" => new JValue(log.Strings.Get(row.Attribute)),
        // The link is resolved now, against live rows: once its entity is retired an event reads entity: null.
        "entity" => EntityTypeName() is { } type ? (JToken?)site.LiveLink(type, row.EntityId) ?? JValue.CreateNull() : JValue.CreateNull(),
        "user" => row.UserType < 0 ? JValue.CreateNull() : site.LinkTo(log.Strings[row.UserType], row.UserId),
        "project" => row.ProjectId == 0 ? JValue.CreateNull() : site.LinkTo("Project", row.ProjectId),
        "session_uuid" => new JValue(log.Sessions.Get(row.Session)),
        "created_at" => new JValue(WireDates.FormatUnix(row.CreatedAt)),
        "meta" => Meta(site),
        "description" => new JValue(Description(site)),
        _ => null,
    };

    public string? EntityTypeName() => log.Strings.Get(row.EntityType);

    private JToken Meta(SiteData site)
    {
        var payload = row.Payload;
        if (payload?.Meta is not { } meta)
        {
            return JValue.CreateNull();
        }

        if (!payload.IsTemplate || meta is not JObject template)
        {
            return meta;
        }

        var filled = (JObject)template.DeepClone();
        if (filled.ContainsKey("entity_type"))
        {
            filled["entity_type"] = EntityTypeName();
        }

        if (filled.ContainsKey("entity_id"))
        {
            filled["entity_id"] = row.EntityId;
        }

        if (filled.ContainsKey("id"))
        {
            filled["id"] = row.EntityId;
        }

        if (filled.ContainsKey("display_name") && EntityTypeName() is { } type && site.Find(type, row.EntityId) is { } record)
        {
            filled["display_name"] = site.DisplayName(record);
        }

        if (filled.ContainsKey("retirement_date"))
        {
            filled["retirement_date"] = WireDates.FormatRetirement(DateTimeOffset.FromUnixTimeSeconds(row.CreatedAt));
        }

        if (filled.Value<string>("attribute_name") == "retirement_date")
        {
            filled["new_value"] = WireDates.FormatRetirement(DateTimeOffset.FromUnixTimeSeconds(row.CreatedAt));
        }

        return filled;
    }

    private string? Description(SiteData site)
    {
        var payload = row.Payload;
        if (payload?.Description is not { } text || !payload.IsTemplate)
        {
            return payload?.Description;
        }

        var user = row.UserType < 0 ? null : site.Find(log.Strings[row.UserType], row.UserId);
        var entity = EntityTypeName() is { } type ? site.Find(type, row.EntityId) : null;
        var entityText = entity is null ? $"{EntityTypeName()} #{row.EntityId}" : $"{entity.Type} {site.DisplayName(entity)}";
        return text
            .Replace(EventPayload.UserPlaceholder, user is null ? "Shotgun" : site.DisplayName(user), StringComparison.Ordinal)
            .Replace(EventPayload.EntityPlaceholder, entityText, StringComparison.Ordinal);
    }
}
