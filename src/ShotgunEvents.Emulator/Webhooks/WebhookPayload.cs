using System.Globalization;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Webhooks;

/// <summary>
/// The <c>data</c> object of a delivery, shaped as the ShotGrid webhook docs show it: <c>id</c>,
/// <c>event_log_entry_id</c>, <c>event_type</c>, <c>operation</c>, <c>user</c>/<c>entity</c>/<c>project</c> as bare
/// <c>{type, id}</c>, <c>meta</c>, <c>created_at</c> with microseconds and no zone, <c>attribute_name</c>,
/// <c>session_uuid</c> and <c>delivery_id</c>.
/// </summary>
internal static class WebhookPayload
{
    /// <summary>Webhooks are not sent for these entity types (the docs exclude them); <c>*Connection</c> types are excluded too.</summary>
    private static readonly HashSet<string> ExcludedTypes = new(StringComparer.Ordinal) { "ApiUser", SiteData.EventLogEntryType };

    public static bool IsDelivered(string? entityType) =>
        entityType is null || (!ExcludedTypes.Contains(entityType) && !entityType.EndsWith("Connection", StringComparison.Ordinal));

    public static JObject Data(EventView view, SiteData site, DateTimeOffset committedAt, string id, Guid deliveryId)
    {
        var row = view.Row;
        var log = site.Events;
        var eventType = log.Strings[row.EventType];
        var data = new JObject
        {
            ["id"] = id,
            ["event_log_entry_id"] = row.Id,
            ["event_type"] = eventType,
        };
        if (Operation(eventType) is { } operation)
        {
            data["operation"] = operation;
        }

        data["user"] = Link(log.Strings.Get(row.UserType), row.UserId);
        data["entity"] = Link(view.EntityTypeName(), row.EntityId);
        data["project"] = row.ProjectId == 0 ? JValue.CreateNull() : Link("Project", row.ProjectId);
        data["meta"] = view.Read("meta", site)?.DeepClone() ?? JValue.CreateNull();
        data["created_at"] = CreatedAt(row.CreatedAt, committedAt);
        data["attribute_name"] = log.Strings.Get(row.Attribute);
        data["session_uuid"] = log.Sessions.Get(row.Session);
        data["delivery_id"] = deliveryId.ToString();
        return data;
    }

    /// <summary>The <c>timestamp</c> beside <c>data</c>: when the delivery is sent, <c>YYYY-MM-DDTHH:MM:SSZ</c>.</summary>
    public static string Timestamp(DateTimeOffset sentAt) => WireDates.Format(sentAt);

    /// <summary>Lifecycle events name their operation; custom events (<c>Shotgun_User_Login</c>, ...) have none the docs show, so none is sent.</summary>
    private static string? Operation(string eventType) => eventType switch
    {
        _ when eventType.EndsWith("_New", StringComparison.Ordinal) => "create",
        _ when eventType.EndsWith("_Change", StringComparison.Ordinal) => "update",
        _ when eventType.EndsWith("_Retirement", StringComparison.Ordinal) => "delete",
        _ when eventType.EndsWith("_Revival", StringComparison.Ordinal) => "revive",
        _ => null,
    };

    private static JToken Link(string? type, int id) => type is null ? JValue.CreateNull() : new JObject { ["type"] = type, ["id"] = id };

    /// <summary>The event's second (the log stores whole seconds) with the commit's microseconds, as <c>2021-02-22 17:40:23.202136</c>.</summary>
    private static string CreatedAt(long unixSeconds, DateTimeOffset committedAt)
    {
        var micros = committedAt.ToUnixTimeSeconds() == unixSeconds ? (committedAt.UtcTicks % TimeSpan.TicksPerSecond) / 10 : 0;
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;
        return at.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss", CultureInfo.InvariantCulture) + "." + micros.ToString("000000", CultureInfo.InvariantCulture);
    }
}
