using System.Text.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Json;

namespace ShotgunEvents.Emulator.Store;

/// <summary>
/// Reads one compact <see cref="EventRow"/> as an EventLogEntry record: as JSON tokens (filters, the C# API) or
/// written straight to a reply (<see cref="TryWrite"/>, the hot path of event polling).
/// </summary>
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
        "entity" => (JToken?)LiveEntity(site) ?? JValue.CreateNull(),
        "user" => row.UserType < 0 ? JValue.CreateNull() : site.LinkTo(log.Strings[row.UserType], row.UserId),
        "project" => row.ProjectId == 0 ? JValue.CreateNull() : site.LinkTo("Project", row.ProjectId),
        "session_uuid" => new JValue(log.Sessions.Get(row.Session)),
        "created_at" => new JValue(WireDates.FormatUnix(row.CreatedAt)),
        "meta" => Meta(site),
        "description" => new JValue(Description(site)),
        _ => null,
    };

    /// <summary>Writes a plain field's value without building tokens; false for a field it does not know.</summary>
    public bool TryWrite(Utf8JsonWriter writer, string field, SiteData site)
    {
        switch (field)
        {
            case "id":
                writer.WriteNumberValue(row.Id);
                return true;
            case "event_type":
                writer.WriteStringValue(log.Strings[row.EventType]);
                return true;
            case "attribute_name":
                WriteString(writer, log.Strings.Get(row.Attribute));
                return true;
            case "entity":
                WriteLink(writer, LiveEntity(site));
                return true;
            case "user":
                WriteLink(writer, row.UserType < 0 ? null : site.Find(log.Strings[row.UserType], row.UserId), log.Strings.Get(row.UserType), row.UserId, site);
                return true;
            case "project":
                WriteLink(writer, row.ProjectId == 0 ? null : site.Find("Project", row.ProjectId), row.ProjectId == 0 ? null : "Project", row.ProjectId, site);
                return true;
            case "session_uuid":
                WriteString(writer, log.Sessions.Get(row.Session));
                return true;
            case "created_at":
                writer.WriteStringValue(WireDates.FormatUnix(row.CreatedAt));
                return true;
            case "description":
                WriteString(writer, Description(site));
                return true;
            case "meta":
                WriteMeta(writer, site);
                return true;
            default:
                return false;
        }
    }

    public string? EntityTypeName() => log.Strings.Get(row.EntityType);

    private JObject? LiveEntity(SiteData site) => EntityTypeName() is { } type ? site.LiveLink(type, row.EntityId) : null;

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

        var filled = new JObject();
        foreach (var property in template.Properties())
        {
            filled[property.Name] = TemplateValue(template, property, site) ?? property.Value.DeepClone();
        }

        return filled;
    }

    private void WriteMeta(Utf8JsonWriter writer, SiteData site)
    {
        var payload = row.Payload;
        if (payload?.Meta is not JObject template || !payload.IsTemplate)
        {
            JsonTokenWriter.Write(writer, payload?.Meta);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in template.Properties())
        {
            writer.WritePropertyName(property.Name);
            JsonTokenWriter.Write(writer, TemplateValue(template, property, site) ?? property.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>The row's own value for a placeholder key of a shared seeded meta template; null keeps the template's.</summary>
    private JToken? TemplateValue(JObject template, JProperty property, SiteData site) => property.Name switch
    {
        "entity_type" => EntityTypeName(),
        "entity_id" or "id" => row.EntityId,
        "display_name" => EntityTypeName() is { } type && site.Find(type, row.EntityId) is { } record ? site.DisplayName(record) : null,
        "retirement_date" => RetirementDate(),
        "new_value" when (string?)template["attribute_name"] == "retirement_date" => RetirementDate(),
        _ => null,
    };

    private string RetirementDate() => WireDates.FormatRetirement(DateTimeOffset.FromUnixTimeSeconds(row.CreatedAt));

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

    private static void WriteString(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static void WriteLink(Utf8JsonWriter writer, JObject? link) => JsonTokenWriter.Write(writer, link);

    private static void WriteLink(Utf8JsonWriter writer, EntityRecord? record, string? type, int id, SiteData site)
    {
        if (type is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteNumber("id", id);
        writer.WritePropertyName("name");
        WriteString(writer, record is null ? null : site.DisplayName(record));
        writer.WriteEndObject();
    }
}
