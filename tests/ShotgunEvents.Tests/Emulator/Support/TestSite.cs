using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;
using ShotgunEvents.Emulator.Webhooks;

namespace ShotgunEvents.Tests.Emulator.Support;

/// <summary>An emulator on a free loopback port plus a raw api3 caller (plain HttpClient + JSON, no client library).</summary>
internal sealed class TestSite : IAsyncDisposable
{
    public const string ScriptName = "test_script";
    public const string ScriptKey = "test-key-123";

    private TestSite(EmulatorServer server, FakeTimeProvider? time)
    {
        Server = server;
        Time = time;
        Http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorServer Server { get; }

    public EmulatorStore Store => Server.Store;

    public FakeTimeProvider? Time { get; }

    public HttpClient Http { get; }

    public static JObject ScriptAuth(string? sessionUuid = null)
    {
        var auth = new JObject { ["script_name"] = ScriptName, ["script_key"] = ScriptKey };
        if (sessionUuid is not null)
        {
            auth["session_uuid"] = sessionUuid;
        }

        return auth;
    }

    public static async Task<TestSite> StartAsync(bool fakeTime = false, EmulatorSeed seed = EmulatorSeed.Empty, string? snapshotPath = null, bool activity = false,
        TimeSpan latency = default, IReadOnlyList<WebhookRegistration>? webhooks = null, TimeSpan? thumbnailProcessing = null,
        string? schemaPath = null)
    {
        var time = fakeTime ? new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero)) : null;
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            TimeProvider = time ?? TimeProvider.System,
            Scripts = [new ScriptCredential(ScriptName, ScriptKey)],
            Seed = seed,
            SnapshotPath = snapshotPath,
            ActivityGenerator = activity,
            Latency = latency,
            Webhooks = webhooks ?? [],
            ThumbnailProcessing = thumbnailProcessing ?? new EmulatorOptions().ThumbnailProcessing,
            SchemaPath = schemaPath,
        });
        return new TestSite(server, time);
    }

    /// <summary>Sends <c>{"method_name", "params": [auth, parameters]}</c> and returns the decoded body.</summary>
    public async Task<JObject> CallAsync(string method, JToken? parameters = null, JObject? auth = null)
    {
        var paramList = new JArray();
        if (method != "info" || auth is not null)
        {
            paramList.Add(auth ?? ScriptAuth());
        }

        if (parameters is not null)
        {
            paramList.Add(parameters);
        }

        using var response = await PostAsync(new JObject { ["method_name"] = method, ["params"] = paramList });
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpResponseMessage> PostAsync(JObject body)
    {
        using var content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        return await Http.PostAsync("api3/json", content);
    }

    /// <summary>Calls and asserts a <c>{"results": ...}</c> answer.</summary>
    public async Task<JToken> ResultsAsync(string method, JToken? parameters = null, JObject? auth = null)
    {
        var body = await CallAsync(method, parameters, auth);
        Assert.False(body.ContainsKey("exception"), $"{method} failed: {body}");
        Assert.True(body.ContainsKey("results"), $"{method} answered without results: {body}");
        return body["results"]!;
    }

    /// <summary>Calls and asserts the error envelope; returns it.</summary>
    public async Task<JObject> FaultAsync(string method, JToken? parameters = null, JObject? auth = null)
    {
        var body = await CallAsync(method, parameters, auth);
        Assert.True((bool?)body["exception"] == true, $"{method} was expected to fail: {body}");
        Assert.Equal(JTokenType.String, body["message"]!.Type);
        Assert.Equal(JTokenType.Integer, body["error_code"]!.Type);
        return body;
    }

    public async Task<JArray> ReadAsync(string type, JToken? filters = null, string[]? fields = null, JArray? sorts = null, int? perPage = null, int page = 1, string? returnOnly = null)
    {
        var results = await ReadPageAsync(type, filters, fields, sorts, perPage, page, returnOnly);
        return (JArray)results["entities"]!;
    }

    public async Task<JObject> ReadPageAsync(string type, JToken? filters = null, string[]? fields = null, JArray? sorts = null, int? perPage = null, int page = 1, string? returnOnly = null)
    {
        var parameters = new JObject
        {
            ["type"] = type,
            ["filters"] = filters ?? new JObject { ["logical_operator"] = "and", ["conditions"] = new JArray() },
            ["return_fields"] = new JArray(fields ?? ["id"]),
            ["return_only"] = returnOnly ?? "active",
            ["paging"] = new JObject { ["entities_per_page"] = perPage ?? 500, ["current_page"] = page },
        };
        if (sorts is not null)
        {
            parameters["sorts"] = sorts;
        }

        return (JObject)await ResultsAsync("read", parameters);
    }

    public async Task<JObject> CreateAsync(string type, JObject fields, JObject? auth = null, string[]? returnFields = null)
    {
        var parameters = new JObject
        {
            ["type"] = type,
            ["fields"] = new JArray(fields.Properties().Select(p => new JObject { ["field_name"] = p.Name, ["value"] = p.Value })),
        };
        if (returnFields is not null)
        {
            parameters["return_fields"] = new JArray(returnFields);
        }

        return (JObject)await ResultsAsync("create", parameters, auth);
    }

    public async Task<JObject> UpdateAsync(string type, int id, JObject fields, string? mode = null, JObject? auth = null)
    {
        var parameters = new JObject
        {
            ["type"] = type,
            ["id"] = id,
            ["fields"] = new JArray(fields.Properties().Select(p =>
            {
                var field = new JObject { ["field_name"] = p.Name, ["value"] = p.Value };
                if (mode is not null)
                {
                    field["multi_entity_update_mode"] = mode;
                }

                return field;
            })),
        };
        return (JObject)await ResultsAsync("update", parameters, auth);
    }

    /// <summary>Every visible event after an id, with the fields the event daemon reads, over api3.</summary>
    public async Task<JArray> EventsAfterAsync(int afterId) => await ReadAsync("EventLogEntry",
        Condition("id", "greater_than", afterId),
        ["id", "event_type", "attribute_name", "meta", "entity", "user", "project", "session_uuid", "created_at", "description"],
        new JArray(new JObject { ["field_name"] = "id", ["direction"] = "asc" }));

    public static JObject Condition(string path, string relation, params JToken?[] values) => new()
    {
        ["logical_operator"] = "and",
        ["conditions"] = new JArray(new JObject { ["path"] = path, ["relation"] = relation, ["values"] = new JArray(values.Select(v => v ?? JValue.CreateNull())) }),
    };

    public static JObject Link(string type, int id) => new() { ["type"] = type, ["id"] = id };

    public static JObject Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
