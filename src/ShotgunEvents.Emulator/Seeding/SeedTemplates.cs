using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Seeding;

/// <summary>
/// The shared meta/description templates of bulk-seeded events. Each row points at one; the row's own entity, user
/// and date fill the placeholders when it is read, so a million rows cost a few hundred template objects.
/// </summary>
internal sealed class SeedTemplates
{
    private static readonly string[] Descriptions =
    [
        "Blocking pass ready for review", "Fix the foot slide at frame 1042", "Match the new plate timing", "Client wants warmer key light",
        "Cleaned up the roto on the left edge", "Waiting on the final layout", "Added fog and mist with depth", "Re-rendered with motion blur",
    ];

    private readonly Dictionary<string, EventPayload> _cache = new(StringComparer.Ordinal);
    private readonly SiteData _site;

    public SeedTemplates(SiteData site)
    {
        _site = site;
        New = Template(Meta("new_entity"), $"{EventPayload.UserPlaceholder} created new {EventPayload.EntityPlaceholder}");
        Retirement = Template(
            new JObject
            {
                ["type"] = "entity_retirement", ["entity_type"] = null, ["entity_id"] = 0, ["id"] = 0, ["class_name"] = "Shot",
                ["display_name"] = null, ["retirement_date"] = null,
            },
            $"{EventPayload.UserPlaceholder} retired {EventPayload.EntityPlaceholder}");
        RetirementDate = Template(Change("retirement_date", "date_time", null, null), $"{EventPayload.UserPlaceholder} changed \"Date Retired\" on {EventPayload.EntityPlaceholder}");
        Revival = Template(
            new JObject { ["type"] = "entity_revival", ["entity_type"] = null, ["entity_id"] = 0, ["id"] = 0, ["class_name"] = "Shot", ["display_name"] = null },
            $"{EventPayload.UserPlaceholder} revived {EventPayload.EntityPlaceholder}");
    }

    public EventPayload New { get; }

    public EventPayload Retirement { get; }

    public EventPayload RetirementDate { get; }

    public EventPayload Revival { get; }

    /// <summary>A status change between two valid statuses of the type.</summary>
    public EventPayload Status(string entityType, Random random, bool inCreate = false)
    {
        var field = Field(entityType, "sg_status_list");
        var values = field.ValidValues ?? ["wtg", "ip"];
        var index = random.Next(values.Count);
        var oldValue = inCreate ? null : values[index];
        var newValue = inCreate ? (string?)field.DefaultValue ?? values[0] : values[(index + 1 + random.Next(values.Count - 1)) % values.Count];
        var description = inCreate
            ? $"{EventPayload.UserPlaceholder} set \"Status\" to \"{newValue}\" on {EventPayload.EntityPlaceholder}"
            : $"{EventPayload.UserPlaceholder} changed \"Status\" from \"{oldValue}\" to \"{newValue}\" on {EventPayload.EntityPlaceholder}";
        return Cached($"{entityType}.status.{oldValue}.{newValue}.{inCreate}", () => Template(Change("sg_status_list", "status_list", oldValue, newValue, inCreate), description));
    }

    public EventPayload Description(string entityType, Random random)
    {
        var field = entityType == "Task" ? "sg_description" : "description";
        var oldValue = Descriptions[random.Next(Descriptions.Length)];
        var newValue = Descriptions[random.Next(Descriptions.Length)];
        return Cached($"{entityType}.{field}.{oldValue}.{newValue}", () => Template(
            Change(field, "text", oldValue, newValue),
            $"{EventPayload.UserPlaceholder} changed \"Description\" from \"{oldValue}\" to \"{newValue}\" on {EventPayload.EntityPlaceholder}"));
    }

    public EventPayload CutIn(Random random)
    {
        var oldValue = 1001 + (random.Next(8) * 8);
        var newValue = oldValue + 8;
        return Cached($"cut_in.{oldValue}", () => Template(
            Change("sg_cut_in", "number", oldValue, newValue),
            $"{EventPayload.UserPlaceholder} changed \"Cut In\" from \"{oldValue}\" to \"{newValue}\" on {EventPayload.EntityPlaceholder}"));
    }

    public EventPayload Assignment(EntityKey person) => Cached($"assign.{person.Id}", () =>
    {
        var name = _site.Find(person.Type, person.Id) is { } record ? _site.DisplayName(record) : null;
        var meta = new JObject
        {
            ["type"] = "attribute_change",
            ["attribute_name"] = "task_assignees",
            ["entity_type"] = null,
            ["entity_id"] = 0,
            ["field_data_type"] = "multi_entity",
            ["added"] = new JArray(new JObject { ["type"] = person.Type, ["id"] = person.Id, ["name"] = name, ["status"] = "act", ["valid"] = "valid" }),
            ["removed"] = new JArray(),
            ["in_create"] = false,
            ["platform_id"] = null,
        };
        return Template(meta, $"{EventPayload.UserPlaceholder} changed \"Assigned To\" on {EventPayload.EntityPlaceholder}: added {name}");
    });

    public EventPayload Custom(string app) => Cached($"custom.{app}", () => new EventPayload(
        new JObject { ["app"] = app, ["engine"] = "tk-maya", ["version"] = "v2.8.1" }, $"{app} started", isTemplate: false));

    private EventPayload Cached(string key, Func<EventPayload> create)
    {
        if (!_cache.TryGetValue(key, out var payload))
        {
            payload = create();
            _cache[key] = payload;
        }

        return payload;
    }

    private FieldSchema Field(string entityType, string field) =>
        _site.Schema.TryGetEntity(entityType, out var entity) && entity.TryGetField(field, out var schema)
            ? schema
            : throw new InvalidOperationException($"The schema has no {entityType}.{field} for seeding.");

    private static EventPayload Template(JObject meta, string description) => new(meta, description, isTemplate: true);

    private static JObject Meta(string type) => new() { ["type"] = type, ["entity_type"] = null, ["entity_id"] = 0 };

    private static JObject Change(string attribute, string dataType, JToken? oldValue, JToken? newValue, bool inCreate = false) => new()
    {
        ["type"] = "attribute_change",
        ["attribute_name"] = attribute,
        ["entity_type"] = null,
        ["entity_id"] = 0,
        ["field_data_type"] = dataType,
        ["old_value"] = oldValue,
        ["new_value"] = newValue,
        ["in_create"] = inCreate,
        ["platform_id"] = null,
    };
}
