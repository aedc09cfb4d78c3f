using System.Buffers;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Json;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// Runs one api3 request, <c>{"method_name", "params": [auth, params]}</c>, and returns the reply body:
/// <c>{"results": ...}</c>, the bare object for <c>info</c>, or <c>{"exception": true, "message", "error_code"}</c>.
/// </summary>
internal sealed class Api3Dispatcher(EmulatorStore store)
{
    public static JObject Info() => new()
    {
        ["version"] = new JArray(8, 50, 0),
        ["full_version"] = new JArray(8, 50, 0, 0),
        ["user_authentication_method"] = "default",
        ["api_max_entities_per_page"] = ReadMethod.MaxPageSize,
        // Direct uploads on for every type and field: the Python API then takes the two-step storage protocol.
        ["s3_uploads_enabled"] = true,
        ["s3_direct_uploads_enabled"] = true,
        ["s3_enabled_upload_types"] = new JObject { ["*"] = "*" },
        ["totango_site_id"] = null,
        ["site_name"] = "ShotgunEvents emulator",
    };

    public static JObject Error(int code, string message) => new()
    {
        ["exception"] = true,
        ["message"] = message,
        ["error_code"] = code,
    };

    /// <summary>Writes the reply to <paramref name="request"/> into <paramref name="buffer"/>.</summary>
    public void Dispatch(JObject request, ArrayBufferWriter<byte> buffer)
    {
        var method = request.Value<string?>("method_name");
        var parameters = request["params"] as JArray ?? [];
        using var writer = new Utf8JsonWriter(buffer, JsonTokenWriter.Options);
        try
        {
            if (method == "info")
            {
                JsonTokenWriter.Write(writer, Info());
                return;
            }

            var auth = parameters.Count > 0 ? parameters[0] as JObject : null;
            var body = parameters.Count > 1 ? parameters[1] : null;
            if (method == "read")
            {
                store.Read(site => AuthResolver.Resolve(site, auth));
                ReadMethod.Run(store, body, writer);
                return;
            }

            var results = Run(method, auth, body);
            writer.WriteStartObject();
            writer.WritePropertyName("results");
            JsonTokenWriter.Write(writer, results);
            writer.WriteEndObject();
        }
        catch (EmulatorException ex)
        {
            // Faults are raised before anything is written; start the reply over with the error envelope.
            writer.Reset();
            buffer.Clear();
            JsonTokenWriter.Write(writer, Error(ex.ErrorCode, ex.Message));
        }
    }

    private JToken Run(string? method, JObject? auth, JToken? body)
    {
        switch (method)
        {
            case "create" or "update" or "delete" or "revive":
                return WriteMethods.Run(store, method, auth, body);
            case "batch":
                return BatchMethod.Run(store, auth, body);
        }

        var actor = store.Read(site => AuthResolver.Resolve(site, auth));
        return method switch
        {
            "summarize" => SummarizeMethod.Run(store, body),
            "schema_read" => SchemaMethods.SchemaRead(store),
            "schema_entity_read" => SchemaMethods.SchemaEntityRead(store),
            "schema_field_read" => SchemaMethods.SchemaFieldRead(store, body),
            "get_session_token" => new JObject { ["session_id"] = store.Site.Credentials.IssueSession(actor.SudoActualUser ?? actor.User!.Value) },
            _ => throw new EmulatorException(ErrorCodes.InvalidParameters, $"Unknown API method '{method}'."),
        };
    }
}
