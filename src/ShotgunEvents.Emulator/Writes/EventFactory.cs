using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Writes;

/// <summary>
/// Builds the EventLogEntry rows a write generates, with the <c>meta</c> shapes of a real site (protocol §5.3–5.4):
/// <c>new_entity</c>, <c>attribute_change</c> (old/new, or added/removed for multi-entity), <c>entity_retirement</c>,
/// <c>entity_revival</c>.
/// </summary>
internal sealed class EventFactory(SiteData site)
{
    public PendingEvent New(EntityRecord record, Actor actor) => Event(record, actor, "New", null,
        new JObject { ["type"] = "new_entity", ["entity_type"] = record.Type, ["entity_id"] = record.Id },
        $"{UserName(actor)} created new {record.Type} {site.DisplayName(record)}");

    public PendingEvent Change(EntityRecord record, FieldSchema field, JToken? oldValue, JToken? newValue, bool inCreate, Actor actor)
    {
        var oldMeta = MetaValue(field, oldValue);
        var newMeta = MetaValue(field, newValue);
        var meta = new JObject
        {
            ["type"] = "attribute_change",
            ["attribute_name"] = field.Name,
            ["entity_type"] = record.Type,
            ["entity_id"] = record.Id,
            ["field_data_type"] = field.DataTypeName,
            ["old_value"] = oldMeta,
            ["new_value"] = newMeta,
            ["in_create"] = inCreate,
            ["platform_id"] = null,
        };
        var description = oldMeta.Type == JTokenType.Null
            ? $"{UserName(actor)} set \"{field.DisplayName}\" to \"{Text(newMeta)}\" on {record.Type} {site.DisplayName(record)}"
            : $"{UserName(actor)} changed \"{field.DisplayName}\" from \"{Text(oldMeta)}\" to \"{Text(newMeta)}\" on {record.Type} {site.DisplayName(record)}";
        return Event(record, actor, "Change", field.Name, meta, description);
    }

    public PendingEvent MultiChange(EntityRecord record, FieldSchema field, IEnumerable<JObject> added, IEnumerable<JObject> removed, bool inCreate, Actor actor)
    {
        var addedItems = new JArray(added.Select(MultiItem));
        var removedItems = new JArray(removed.Select(MultiItem));
        var meta = new JObject
        {
            ["type"] = "attribute_change",
            ["attribute_name"] = field.Name,
            ["entity_type"] = record.Type,
            ["entity_id"] = record.Id,
            ["field_data_type"] = field.DataTypeName,
            ["added"] = addedItems,
            ["removed"] = removedItems,
            ["in_create"] = inCreate,
            ["platform_id"] = null,
        };
        var parts = new List<string>();
        if (addedItems.Count > 0)
        {
            parts.Add("added " + string.Join(", ", addedItems.Select(i => (string?)i["name"])));
        }

        if (removedItems.Count > 0)
        {
            parts.Add("removed " + string.Join(", ", removedItems.Select(i => (string?)i["name"])));
        }

        var description = $"{UserName(actor)} changed \"{field.DisplayName}\" on {record.Type} {site.DisplayName(record)}: {string.Join("; ", parts)}";
        return Event(record, actor, "Change", field.Name, meta, description);
    }

    public PendingEvent Retirement(EntityRecord record, string retirementDate, Actor actor) => Event(record, actor, "Retirement", null,
        new JObject
        {
            ["type"] = "entity_retirement",
            ["entity_type"] = record.Type,
            ["entity_id"] = record.Id,
            ["id"] = record.Id,
            ["class_name"] = record.Type,
            ["display_name"] = site.DisplayName(record),
            ["retirement_date"] = retirementDate,
        },
        $"{UserName(actor)} retired {record.Type} {site.DisplayName(record)}");

    public PendingEvent RetirementDateChange(EntityRecord record, string retirementDate, Actor actor) => Event(record, actor, "Change", "retirement_date",
        new JObject
        {
            ["type"] = "attribute_change",
            ["attribute_name"] = "retirement_date",
            ["entity_type"] = record.Type,
            ["entity_id"] = record.Id,
            ["field_data_type"] = "date_time",
            ["old_value"] = null,
            ["new_value"] = retirementDate,
            ["in_create"] = false,
            ["platform_id"] = null,
        },
        $"{UserName(actor)} changed \"Date Retired\" to \"{retirementDate}\" on {record.Type} {site.DisplayName(record)}");

    public PendingEvent Revival(EntityRecord record, Actor actor) => Event(record, actor, "Revival", null,
        new JObject
        {
            ["type"] = "entity_revival",
            ["entity_type"] = record.Type,
            ["entity_id"] = record.Id,
            ["id"] = record.Id,
            ["class_name"] = record.Type,
            ["display_name"] = site.DisplayName(record),
        },
        $"{UserName(actor)} revived {record.Type} {site.DisplayName(record)}");

    /// <summary>The Project an event of this row belongs to: the row itself for a Project, else its <c>project</c> field.</summary>
    public static int ProjectOf(EntityRecord record) =>
        record.Type == "Project" ? record.Id : record.Stored("project") is JObject link ? link.Value<int?>("id") ?? 0 : 0;

    private PendingEvent Event(EntityRecord record, Actor actor, string action, string? attribute, JObject meta, string description)
    {
        if (actor.SudoActualUser is { } actual)
        {
            meta["sudo_actual_user"] = site.LinkTo(actual.Type, actual.Id);
        }

        return new PendingEvent
        {
            EventType = $"Shotgun_{record.Type}_{action}",
            AttributeName = attribute,
            Entity = record.Key,
            User = actor.User,
            ProjectId = ProjectOf(record),
            SessionUuid = actor.SessionUuid,
            Meta = meta,
            Description = description,
        };
    }

    private JToken MetaValue(FieldSchema field, JToken? value)
    {
        if (value is null || value.Type == JTokenType.Null)
        {
            return JValue.CreateNull();
        }

        return field.Kind == FieldKind.Entity && value is JObject link
            ? site.LinkTo((string)link["type"]!, (int)link["id"]!)
            : value.DeepClone();
    }

    private JObject MultiItem(JObject link)
    {
        var type = (string)link["type"]!;
        var id = (int)link["id"]!;
        var item = site.LinkTo(type, id);
        if (type == "HumanUser")
        {
            item["status"] = site.Find(type, id)?.Stored("sg_status_list")?.DeepClone();
        }

        item["valid"] = "valid";
        return item;
    }

    private string UserName(Actor actor) =>
        actor.User is { } user && site.Find(user.Type, user.Id) is { } record ? site.DisplayName(record) ?? user.ToString() : "Shotgun";

    private static string Text(JToken value) => value switch
    {
        { Type: JTokenType.String } => (string)value!,
        JObject link when link["name"] is { Type: JTokenType.String } name => (string)name!,
        _ => value.ToString(Formatting.None),
    };
}
