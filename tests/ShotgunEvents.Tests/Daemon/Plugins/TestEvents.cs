using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Daemon.Plugins;

internal static class TestEvents
{
    public static ShotgunEvent Make(int id, string eventType = "Shotgun_Shot_Change", string? attribute = "code", string? sessionUuid = null) =>
        ShotgunEvent.FromJson(new JObject
        {
            ["type"] = "EventLogEntry",
            ["id"] = id,
            ["event_type"] = eventType,
            ["attribute_name"] = attribute,
            ["meta"] = new JObject { ["type"] = "attribute_change", ["attribute_name"] = attribute, ["new_value"] = "v" + id },
            ["entity"] = new JObject { ["type"] = "Shot", ["id"] = 42, ["name"] = "bunny_010_0010" },
            ["project"] = new JObject { ["type"] = "Project", ["id"] = 1, ["name"] = "Demo" },
            ["user"] = new JObject { ["type"] = "HumanUser", ["id"] = 7, ["name"] = "Jane" },
            ["session_uuid"] = sessionUuid,
            ["created_at"] = "2024-01-02T03:04:05Z",
        });
}
