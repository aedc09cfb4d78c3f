using System.Buffers;
using System.Text.Json;
using Microsoft.IO;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Json;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// Runs one api3 request, <c>{"method_name", "params": [auth, params]}</c>, and returns the reply body:
/// <c>{"results": ...}</c>, the bare object for <c>info</c>, or <c>{"exception": true, "message", "error_code"}</c>.
/// </summary>
internal sealed class Api3Dispatcher(EmulatorStore store)
{
    /// <summary>
    /// The <c>info</c> reply. The keys the Python API reads (<c>version</c>, <c>full_version</c>,
    /// <c>user_authentication_method</c>, <c>api_max_entities_per_page</c>, the three <c>s3_*</c> upload keys) and the
    /// two Toolkit reads are filled as a site fills them; <c>totango_site_id</c> and <c>site_name</c> are guesses
    /// (the Python API calls every key beyond the versions "unsupported and for internal use only").
    /// </summary>
    public static JObject Info() => new()
    {
        ["version"] = new JArray(8, 50, 0),
        ["full_version"] = new JArray(8, 50, 0, 0),
        ["user_authentication_method"] = "default",
        ["api_max_entities_per_page"] = ReadMethod.MaxPageSize,
        // Direct uploads on for every type and field, so the Python API takes the two-step storage protocol. The
        // field list is a list: the Python API tests "field in <the value>", which fails on the text "*" for an
        // upload that names no field (upload(type, id, path)).
        ["s3_uploads_enabled"] = true,
        ["s3_direct_uploads_enabled"] = true,
        ["s3_enabled_upload_types"] = new JObject { ["*"] = new JArray("*") },
        ["totango_site_id"] = null,
        ["site_name"] = "ShotgunEvents emulator",
        // Toolkit (tk-core authentication/site_info.py) reads these two from info to pick a login method. A current
        // site says true to both (REST root of an 8.89 site); the emulator says false because it serves neither the
        // web login nor the app session launcher, so a client stays on the login/password the emulator accepts.
        ["unified_login_flow_enabled"] = false,
        ["authentication_app_session_launcher_enabled"] = false,
    };

    public static JObject Error(int code, string message) => new()
    {
        ["exception"] = true,
        ["message"] = message,
        ["error_code"] = code,
    };

    /// <summary>Writes the reply to <paramref name="request"/> into <paramref name="buffer"/>.</summary>
    public void Dispatch(JObject request, RecyclableMemoryStream buffer)
    {
        var method = request.Value<string?>("method_name");
        var parameters = request["params"] as JArray ?? [];
        using var writer = new Utf8JsonWriter((IBufferWriter<byte>)buffer, JsonTokenWriter.Options);
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
            buffer.SetLength(0);
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
            "note_thread_contents" => NoteThreadMethod.Run(store, body),
            "activity_stream" => ActivityStreamMethod.Run(store, body),
            "query_display_name_cache" => TextSearchMethod.Run(store, body),
            "schema_read" => SchemaMethods.SchemaRead(store),
            "schema_entity_read" => SchemaMethods.SchemaEntityRead(store),
            "schema_field_read" => SchemaMethods.SchemaFieldRead(store, body),
            "get_session_token" => new JObject { ["session_id"] = store.Site.Credentials.IssueSession(actor.SudoActualUser ?? actor.User!.Value) },
            "follow" => FollowMethods.Follow(store, body),
            "unfollow" => FollowMethods.Unfollow(store, body),
            "followers" => FollowMethods.Followers(store, body),
            "following" => FollowMethods.Following(store, body),
            "preferences_read" => PreferencesMethod.Run(body),
            "export_page" => ExportPageMethod.Run(body),
            "work_schedule_read" => WorkScheduleMethods.Read(store, body),
            "work_schedule_update" => WorkScheduleMethods.Update(store, body),
            "user_subscriptions_read" => UserSubscriptionMethods.Read(store),
            "user_subscriptions_create" => UserSubscriptionMethods.Create(store, body),
            "update_project_last_accessed_by_current_user" => ProjectAccessMethod.Run(store, body),
            _ => throw UnsupportedMethods.Fault(method),
        };
    }
}
