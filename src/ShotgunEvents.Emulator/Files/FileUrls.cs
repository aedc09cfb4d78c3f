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

    /// <summary>
    /// What an <c>image</c> field reads as while its thumbnail is being processed: one constant URL per site under
    /// <c>/images/status/transient/</c>, as the Python API documents ("Interpreting Image Field Strings").
    /// </summary>
    public const string PendingThumbnailPath = "/images/status/transient/thumbnail_pending.png";

    /// <summary>The hidden key of a thumbnail's <c>this_file</c>: when (site clock, Unix ms) its processing ends.</summary>
    public const string ReadyAtKey = "ready_at_ms";

    /// <summary>
    /// The thumbnail URL of an <c>image</c> value (stored as the thumbnail's Attachment link): the placeholder while the
    /// thumbnail is processed, then the stored file; null when there is none.
    /// </summary>
    public static JToken Image(JToken? stored, SiteData site)
    {
        if (stored is not JObject link || link.Value<int?>("id") is not { } id || File(site, id) is not { } file)
        {
            return JValue.CreateNull();
        }

        return new JValue(IsPending(site, id)
            ? Base(site) + PendingThumbnailPath.TrimStart('/')
            : Base(site) + FilesPrefix.TrimStart('/') + file.Key + "/" + Uri.EscapeDataString(file.FileName));
    }

    /// <summary>True while the thumbnail stored as Attachment <paramref name="attachmentId"/> is still being processed.</summary>
    public static bool IsPending(SiteData site, int attachmentId) =>
        site.FindLive(AttachmentType, attachmentId)?.Stored("this_file") is JObject file
        && file.Value<long?>(ReadyAtKey) is { } readyAt && site.NowMs < readyAt;

    /// <summary>An uploaded file link as read (the storage key removed), or null when the value is no upload.</summary>
    public static JObject? Upload(EntityRecord owner, JToken? stored, SiteData site)
    {
        if (stored is not JObject value || value.Value<string?>("link_type") != "upload")
        {
            return null;
        }

        var result = (JObject)value.DeepClone();
        result.Remove(StorageKey);
        result.Remove(ReadyAtKey);
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
