using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Store;

/// <summary>
/// Everything the emulated site holds: the schema, one table per entity type, the event log, the credentials, and
/// the state a site keeps outside its entity tables (follows, the work calendar, user subscriptions).
/// Not thread-safe on its own: <see cref="EmulatorStore"/> guards it with one reader/writer lock.
/// </summary>
internal sealed class SiteData
{
    public const string EventLogEntryType = "EventLogEntry";

    private readonly Dictionary<string, EntityTable> _tables = new(StringComparer.Ordinal);

    public SiteData(SiteSchema schema, TimeProvider time)
    {
        Schema = schema;
        Time = time;
        foreach (var entity in schema.Entities.Where(e => e.Name != EventLogEntryType))
        {
            _tables[entity.Name] = new EntityTable(entity);
        }
    }

    public SiteSchema Schema { get; }

    public TimeProvider Time { get; }

    public EventLog Events { get; } = new();

    public Credentials Credentials { get; } = new();

    /// <summary>Who follows what (api3 <c>follow</c>).</summary>
    public FollowTable Follows { get; } = new();

    /// <summary>The per-day work calendar overrides (api3 <c>work_schedule_update</c>).</summary>
    public WorkSchedule WorkSchedule { get; } = new();

    /// <summary>The subscriptions assigned to users (api3 <c>user_subscriptions_create</c>).</summary>
    public UserSubscriptions Subscriptions { get; } = new();

    /// <summary>Where the site is reached (set once the server listens); file and thumbnail URLs start with it.</summary>
    public Uri? PublicBaseUri { get; set; }

    /// <summary>How long an uploaded thumbnail reads as the pending placeholder (set once, before the site serves).</summary>
    public TimeSpan ThumbnailProcessing { get; set; }

    public IEnumerable<EntityTable> Tables => _tables.Values;

    public DateTimeOffset Now => Time.GetUtcNow();

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public EntityTable Table(string type) =>
        _tables.TryGetValue(type, out var table) ? table : throw new InvalidOperationException($"No table for entity type '{type}'.");

    public bool TryGetTable(string type, out EntityTable table) => _tables.TryGetValue(type, out table!);

    public EntityRecord? Find(string type, int id) => _tables.TryGetValue(type, out var table) ? table.Find(id) : null;

    public EntityRecord? FindLive(string type, int id) => Find(type, id) is { Retired: false } record ? record : null;

    /// <summary>A stored <c>{type, id}</c> as a read returns it: with the current name, or null when the row is gone or retired.</summary>
    public JObject? LiveLink(JObject stored)
    {
        var type = stored.Value<string>("type");
        var id = stored.Value<int?>("id");
        return type is null || id is null ? null : LiveLink(type, id.Value);
    }

    public JObject? LiveLink(string type, int id) => FindLive(type, id) is { } record ? Link(record) : null;

    /// <summary>A link with the row's name even when it is retired (event users and projects keep their names).</summary>
    public JObject LinkTo(string type, int id)
    {
        var record = Find(type, id);
        return new JObject { ["type"] = type, ["id"] = id, ["name"] = record is null ? null : DisplayName(record) };
    }

    public JObject Link(EntityRecord record) => new() { ["type"] = record.Type, ["id"] = record.Id, ["name"] = DisplayName(record) };

    /// <summary>The row's display name: its display field (<c>code</c>, <c>content</c>...) or a template such as <c>{firstname} {lastname}</c>.</summary>
    public string? DisplayName(EntityRecord record)
    {
        var parts = record.Schema.DisplayParts;
        if (parts is [(var field, true)])
        {
            return field == "id" ? record.Id.ToString(CultureInfo.InvariantCulture) : Text(record.Stored(field));
        }

        var result = new StringBuilder();
        foreach (var (text, isField) in parts)
        {
            result.Append(isField ? Text(record.Stored(text)) : text);
        }

        return result.ToString().Trim();
    }

    private static string? Text(JToken? token) =>
        token is null || token.Type == JTokenType.Null ? null : token.Type == JTokenType.String ? (string?)token : token.ToString();
}
