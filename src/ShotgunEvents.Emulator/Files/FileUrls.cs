using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Files;

/// <summary>
/// Turns stored upload values into what a site reads back: an <c>image</c> field becomes the URL of the thumbnail
/// file, and an uploaded file link gains its <c>url</c> (<c>/file_serve/attachment/&lt;id&gt;</c>) and Attachment type/id.
/// </summary>
internal static class FileUrls
{
    public const string AttachmentType = "Attachment";
    public const string StorageKey = "storage_key";
    public const string FilesPrefix = "/files/";
    public const string AttachmentServePrefix = "/file_serve/attachment/";

    /// <summary>The thumbnail URL of an <c>image</c> value (stored as the thumbnail's Attachment link), or null.</summary>
    public static JToken Image(JToken? stored, SiteData site) =>
        stored is JObject { } link && link.Value<int?>("id") is { } id && File(site, id) is { } file
            ? new JValue(Base(site) + FilesPrefix.TrimStart('/') + file.Key + "/" + Uri.EscapeDataString(file.FileName))
            : JValue.CreateNull();

    /// <summary>An uploaded file link as read (the storage key removed), or null when the value is no upload.</summary>
    public static JObject? Upload(EntityRecord owner, JToken? stored, SiteData site)
    {
        if (stored is not JObject value || value.Value<string?>("link_type") != "upload")
        {
            return null;
        }

        var result = (JObject)value.DeepClone();
        result.Remove(StorageKey);
        if (owner.Type == AttachmentType && result["id"] is null)
        {
            result["type"] = AttachmentType;
            result["id"] = owner.Id;
        }

        if (result.Value<int?>("id") is { } id)
        {
            result["url"] = Base(site) + AttachmentServePrefix.TrimStart('/') + id;
        }

        return result;
    }

    /// <summary>The stored file of a live Attachment (<c>storage_key</c> is <c>"&lt;key&gt;/&lt;file name&gt;"</c>), or null.</summary>
    public static (string Key, string FileName, string ContentType)? File(SiteData site, int attachmentId) =>
        site.FindLive(AttachmentType, attachmentId)?.Stored("this_file") is JObject file
        && file.Value<string?>(StorageKey)?.Split('/', 2) is [var key, var name]
            ? (key, name, file.Value<string?>("content_type") ?? "application/octet-stream")
            : null;

    private static string Base(SiteData site) => site.PublicBaseUri?.ToString() ?? "/";
}
