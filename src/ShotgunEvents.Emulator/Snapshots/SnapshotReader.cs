using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Snapshots;

/// <summary>Loads a snapshot written by <see cref="SnapshotWriter"/> into an empty site, streaming the event rows.</summary>
internal static class SnapshotReader
{
    public static void Read(SiteData site, string path)
    {
        try
        {
            using var text = new StreamReader(path);
            using var json = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
            ReadSite(site, json, path);
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException or FormatException or KeyNotFoundException or ArgumentException)
        {
            throw new InvalidDataException($"The emulator snapshot '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    private static void ReadSite(SiteData site, JsonTextReader json, string path)
    {
        Expect(json.Read() && json.TokenType == JsonToken.StartObject, path, "a JSON object");
        while (json.Read() && json.TokenType == JsonToken.PropertyName)
        {
            var name = (string)json.Value!;
            json.Read();
            switch (name)
            {
                case "format":
                    Expect((string?)json.Value == SnapshotWriter.Format, path, $"format \"{SnapshotWriter.Format}\"");
                    break;
                case "entities":
                    ReadEntities(site, JObject.Load(json), path);
                    break;
                case "credentials":
                    ReadCredentials(site, JObject.Load(json));
                    break;
                case "events":
                    ReadEvents(site.Events, json, path);
                    break;
                case "follows":
                    ReadFollows(site, JArray.Load(json));
                    break;
                case "work_schedule":
                    ReadWorkSchedule(site, JArray.Load(json), path);
                    break;
                case "user_subscriptions":
                    ReadSubscriptions(site, JObject.Load(json));
                    break;
                default:
                    json.Skip();
                    break;
            }
        }
    }

    private static void ReadFollows(SiteData site, JArray follows)
    {
        foreach (var follow in follows)
        {
            site.Follows.Add(new EntityKey((string)follow[0]!, (int)follow[1]!), new EntityKey((string)follow[2]!, (int)follow[3]!));
        }
    }

    private static void ReadWorkSchedule(SiteData site, JArray rules, string path)
    {
        foreach (var rule in rules)
        {
            var scope = Enum.Parse<WorkScheduleScope>((string)rule["scope"]!, ignoreCase: true);
            Expect(WireDates.TryParseDate((string?)rule["date"], out var date), path, "work_schedule dates as \"YYYY-MM-DD\"");
            site.WorkSchedule.Set(scope, (int)rule["id"]!, date, new WorkDayRule((bool)rule["working"]!, (string?)rule["description"]));
        }
    }

    private static void ReadSubscriptions(SiteData site, JObject subscriptions)
    {
        foreach (var (id, subscription) in subscriptions)
        {
            site.Subscriptions.Set(int.Parse(id, CultureInfo.InvariantCulture), subscription ?? JValue.CreateNull());
        }
    }

    private static void ReadEntities(SiteData site, JObject entities, string path)
    {
        foreach (var (type, token) in entities)
        {
            if (!site.TryGetTable(type, out var table))
            {
                throw new InvalidDataException($"The emulator snapshot '{path}' holds entity type '{type}', which the schema does not define.");
            }

            foreach (var item in token!["records"] as JArray ?? [])
            {
                var record = new EntityRecord(table.Schema, (int)item["id"]!) { Retired = (bool?)item["retired"] ?? false };
                foreach (var (field, value) in item["fields"] as JObject ?? [])
                {
                    if (table.Schema.HasField(field))
                    {
                        record.Fields[field] = value!.DeepClone();
                    }
                }

                table.Records[record.Id] = record;
            }

            table.NextId = Math.Max((int?)token["next_id"] ?? 1, table.Records.Count == 0 ? 1 : table.Records.Keys.Max() + 1);
        }
    }

    private static void ReadCredentials(SiteData site, JObject credentials)
    {
        foreach (var (id, hash) in credentials["script_keys"] as JObject ?? [])
        {
            site.Credentials.SetScriptKeyHash(int.Parse(id, CultureInfo.InvariantCulture), (string)hash!);
        }

        foreach (var (id, hash) in credentials["passwords"] as JObject ?? [])
        {
            site.Credentials.SetPasswordHash(int.Parse(id, CultureInfo.InvariantCulture), (string)hash!);
        }
    }

    private static void ReadEvents(EventLog log, JsonTextReader json, string path)
    {
        Expect(json.TokenType == JsonToken.StartObject, path, "an \"events\" object");
        var payloads = new List<EventPayload>();
        var nextId = 1;
        while (json.Read() && json.TokenType == JsonToken.PropertyName)
        {
            var name = (string)json.Value!;
            json.Read();
            switch (name)
            {
                case "next_id":
                    nextId = Convert.ToInt32(json.Value, CultureInfo.InvariantCulture);
                    break;
                case "payloads":
                    payloads.AddRange(JArray.Load(json).Select(p => new EventPayload(
                        p["meta"] is { Type: not JTokenType.Null } meta ? meta.DeepClone() : null, (string?)p["description"], (bool?)p["template"] ?? false)));
                    break;
                case "rows":
                    Expect(json.TokenType == JsonToken.StartArray, path, "\"rows\" as a list");
                    while (json.Read() && json.TokenType == JsonToken.StartArray)
                    {
                        var row = JArray.Load(json);
                        log.Append(new EventRow
                        {
                            Id = (int)row[0],
                            EventType = log.Strings.Intern((string?)row[1]),
                            Attribute = log.Strings.Intern((string?)row[2]),
                            EntityType = log.Strings.Intern((string?)row[3]),
                            EntityId = (int)row[4],
                            UserType = log.Strings.Intern((string?)row[5]),
                            UserId = (int)row[6],
                            ProjectId = (int)row[7],
                            Session = log.Sessions.Intern((string?)row[8]),
                            CreatedAt = (long)row[9],
                            Payload = row[10].Type == JTokenType.Null ? null : payloads[(int)row[10]],
                        }, 0);
                    }

                    break;
                default:
                    json.Skip();
                    break;
            }
        }

        log.NextId = Math.Max(log.NextId, nextId);
    }

    private static void Expect(bool condition, string path, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException($"The emulator snapshot '{path}' is not valid: expected {what}.");
        }
    }
}
