using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Client.Wire;

/// <summary>What the client takes from the site's <c>info</c> reply (protocol §2.3).</summary>
/// <param name="PageSize">Entities per page: <c>api_max_entities_per_page</c>, else 500.</param>
/// <param name="DirectUploads"><c>s3_direct_uploads_enabled</c>: uploads may go straight to the site's storage.</param>
/// <param name="DirectUploadTypes"><c>s3_enabled_upload_types</c>: which entity types and fields do (<c>{"Version": ["sg_uploaded_movie"], "*": "*"}</c>).</param>
internal sealed record SiteInfo(int PageSize, bool DirectUploads = false, JObject? DirectUploadTypes = null)
{
    public const int DefaultPageSize = 500;

    public static SiteInfo From(JToken info)
    {
        var obj = info as JObject;
        var size = obj?["api_max_entities_per_page"]?.Type == JTokenType.Integer
            ? obj.Value<int>("api_max_entities_per_page")
            : DefaultPageSize;
        var direct = obj?["s3_direct_uploads_enabled"] is { Type: JTokenType.Boolean } flag && flag.Value<bool>();
        return new SiteInfo(size > 0 ? size : DefaultPageSize, direct, obj?["s3_enabled_upload_types"] as JObject);
    }

    /// <summary>
    /// True when an upload to this entity type and field goes to the site's storage (the two-step protocol), as the
    /// Python API's <c>_requires_direct_s3_upload</c> decides; false for the one-request form upload.
    /// </summary>
    public bool RequiresDirectUpload(string entityType, string? fieldName)
    {
        if (!DirectUploads)
        {
            return false;
        }

        var forType = DirectUploadTypes?[entityType];
        var forAny = DirectUploadTypes?["*"];
        if (Allows(forType, fieldName) || Allows(forAny, fieldName))
        {
            return true;
        }

        // Sites from before the per-type list supported this one field.
        return entityType == "Version" && fieldName == "sg_uploaded_movie";
    }

    private static bool Allows(JToken? entry, string? fieldName) => entry switch
    {
        { Type: JTokenType.String } text => text.Value<string>() == "*",
        JArray fields => fields.Any(f => f.Type == JTokenType.String && (f.Value<string>() == "*" || f.Value<string>() == fieldName)),
        _ => false,
    };
}
