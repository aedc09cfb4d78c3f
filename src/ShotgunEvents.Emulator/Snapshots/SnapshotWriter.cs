using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Snapshots;

/// <summary>
/// Writes the whole site to one JSON file, streamed (a million events never become one big JSON tree): entities,
/// credential hashes, follows, work-calendar overrides and user subscriptions, then events as compact arrays that point into a list of (often shared) meta payloads.
/// The file appears atomically (temp file, flush, rename) with mode 0600.
/// </summary>
internal static class SnapshotWriter
{
    public const string Format = "shotgun-events-emulator-snapshot";

    public static void Write(SiteData site, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            using (var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
            using (var json = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                WriteSite(site, json);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, full, overwrite: true);
    }

    private static void WriteSite(SiteData site, JsonTextWriter json)
    {
        json.WriteStartObject();
        json.WritePropertyName("format");
        json.WriteValue(Format);
        json.WritePropertyName("version");
        json.WriteValue(1);
        json.WritePropertyName("saved_at");
        json.WriteValue(WireDates.Format(site.Now));

        json.WritePropertyName("entities");
        json.WriteStartObject();
        foreach (var table in site.Tables)
        {
            json.WritePropertyName(table.Schema.Name);
            new JObject
            {
                ["next_id"] = table.NextId,
                ["records"] = new JArray(table.Records.Values.OrderBy(r => r.Id).Select(r => new JObject
                {
                    ["id"] = r.Id,
                    ["retired"] = r.Retired,
                    ["fields"] = new JObject(r.Fields.Select(f => new JProperty(f.Key, f.Value.DeepClone()))),
                })),
            }.WriteTo(json);
        }

        json.WriteEndObject();

        json.WritePropertyName("credentials");
        new JObject
        {
            ["script_keys"] = Hashes(site.Credentials.ScriptKeyHashes),
            ["passwords"] = Hashes(site.Credentials.PasswordHashes),
        }.WriteTo(json);

        WriteSocial(site, json);
        WriteEvents(site.Events, json);
        json.WriteEndObject();
    }

    private static void WriteEvents(EventLog log, JsonTextWriter json)
    {
        var payloads = new Dictionary<EventPayload, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < log.Count; i++)
        {
            if (log[i].Payload is { } payload && !payloads.ContainsKey(payload))
            {
                payloads[payload] = payloads.Count;
            }
        }

        json.WritePropertyName("events");
        json.WriteStartObject();
        json.WritePropertyName("next_id");
        json.WriteValue(log.NextId);
        json.WritePropertyName("payloads");
        json.WriteStartArray();
        foreach (var payload in payloads.OrderBy(p => p.Value).Select(p => p.Key))
        {
            new JObject { ["meta"] = payload.Meta?.DeepClone(), ["description"] = payload.Description, ["template"] = payload.IsTemplate }.WriteTo(json);
        }

        json.WriteEndArray();
        // Each row: [id, event_type, attribute_name, entity_type, entity_id, user_type, user_id, project_id, session_uuid, created_at (unix s), payload]
        json.WritePropertyName("rows");
        json.WriteStartArray();
        for (var i = 0; i < log.Count; i++)
        {
            var row = log[i];
            json.WriteStartArray();
            json.WriteValue(row.Id);
            json.WriteValue(log.Strings[row.EventType]);
            json.WriteValue(log.Strings.Get(row.Attribute));
            json.WriteValue(log.Strings.Get(row.EntityType));
            json.WriteValue(row.EntityId);
            json.WriteValue(log.Strings.Get(row.UserType));
            json.WriteValue(row.UserId);
            json.WriteValue(row.ProjectId);
            json.WriteValue(log.Sessions.Get(row.Session));
            json.WriteValue(row.CreatedAt);
            if (row.Payload is { } payload)
            {
                json.WriteValue(payloads[payload]);
            }
            else
            {
                json.WriteNull();
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // The state a site keeps outside its entity tables: follows, work-calendar overrides, user subscriptions.
    private static void WriteSocial(SiteData site, JsonTextWriter json)
    {
        json.WritePropertyName("follows");
        new JArray(site.Follows.All.Select(f => new JArray(f.User.Type, f.User.Id, f.Entity.Type, f.Entity.Id))).WriteTo(json);
        json.WritePropertyName("work_schedule");
        new JArray(site.WorkSchedule.Rules.Select(r => new JObject
        {
            ["scope"] = r.Key.Scope.ToString().ToLowerInvariant(),
            ["id"] = r.Key.Id,
            ["date"] = WireDates.FormatDate(r.Key.Date),
            ["working"] = r.Value.Working,
            ["description"] = r.Value.Description,
        })).WriteTo(json);
        json.WritePropertyName("user_subscriptions");
        new JObject(site.Subscriptions.All.Select(s => new JProperty(s.Key.ToString(CultureInfo.InvariantCulture), s.Value.DeepClone()))).WriteTo(json);
    }

    private static JObject Hashes(IReadOnlyDictionary<int, string> hashes) =>
        new(hashes.Select(h => new JProperty(h.Key.ToString(CultureInfo.InvariantCulture), h.Value)));
}
