using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Writes;

namespace ShotgunEvents.Emulator.Files;

/// <summary>
/// The write half of an upload: creates the Attachment row for a stored file and sets the entity's field to it
/// (a File/Link field, or <c>image</c> / <c>filmstrip_image</c> for thumbnails), in one transaction with the events a
/// site logs for both writes. Also <c>share_thumbnail</c>: point other entities at an existing thumbnail.
/// </summary>
internal static class AttachmentLinker
{
    private const string Method = "upload";

    public static int Link(EmulatorStore store, Actor actor, UploadRequest request) => store.Write<int>(tx =>
    {
        var site = store.Site;
        var entity = site.Schema.GetEntity(request.EntityType, Method);
        var target = site.FindLive(entity.Name, request.EntityId)
            ?? throw new EmulatorException(ErrorCodes.NotFoundOrDenied, $"Entity of type [{entity.Name}] with id={request.EntityId} does not exist.");
        var field = TargetField(entity, request);
        var name = request.DisplayName ?? request.File.FileName;
        var fields = new List<FieldAssignment>
        {
            new("filename", request.File.FileName),
            new("original_fname", request.File.FileName),
            new("display_name", name),
            new("file_size", request.File.Size),
            new("file_extension", Path.GetExtension(request.File.FileName).TrimStart('.').ToLowerInvariant()),
            new("this_file", new JObject
            {
                ["name"] = name,
                ["content_type"] = request.ContentType,
                ["link_type"] = "upload",
            }),
        };
        var attachmentSchema = site.Schema.GetEntity(FileUrls.AttachmentType, Method);
        if (!request.Thumbnail && attachmentSchema.TryGetField("attachment_links", out var links) && links.AcceptsType(entity.Name))
        {
            fields.Add(new("attachment_links", new JArray(new JObject { ["type"] = entity.Name, ["id"] = target.Id })));
        }

        if (entity.TryGetField("project", out var project) && project.Kind == FieldKind.Entity && target.Stored("project") is JObject link)
        {
            fields.Add(new("project", link.DeepClone()));
        }

        if (!string.IsNullOrWhiteSpace(request.TagList))
        {
            fields.Add(new("tag_list", new JArray(request.TagList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))));
        }

        // A site's Attachment has the fields its schema lists: one loaded from an older site may lack some of these.
        fields.RemoveAll(f => !attachmentSchema.HasField(f.Name));
        var writer = store.Writer();
        var attachment = writer.Create(attachmentSchema, fields, actor, tx, Method, systemWrite: true);
        // The storage key is added after the events were made from the values: it is a capability (the thumbnail URL),
        // and the event log is readable by every script.
        var stored = (JObject)attachment.Stored("this_file")!.DeepClone();
        stored[FileUrls.StorageKey] = request.File.Key + "/" + request.File.FileName;
        if (request.Thumbnail && site.ThumbnailProcessing > TimeSpan.Zero)
        {
            stored[FileUrls.ReadyAtKey] = site.NowMs + (long)site.ThumbnailProcessing.TotalMilliseconds;
        }

        attachment.Fields["this_file"] = stored;
        if (field is not null)
        {
            JToken value = request.Thumbnail
                ? new JObject { ["type"] = FileUrls.AttachmentType, ["id"] = attachment.Id }
                : new JObject { ["type"] = FileUrls.AttachmentType, ["id"] = attachment.Id, ["name"] = name, ["content_type"] = request.ContentType, ["link_type"] = "upload" };
            writer.Update(entity, target.Id, [new FieldAssignment(field.Name, value)], actor, tx, Method, systemWrite: true);
        }

        var id = attachment.Id;
        return () => id;
    });

    /// <summary>
    /// Sets the thumbnail of <paramref name="source"/> on every entity of <paramref name="entities"/>; the thumbnail's
    /// Attachment id (null when the source has none), or <c>Pending</c> when the source's thumbnail is still being
    /// processed: a site refuses to share that.
    /// </summary>
    public static (int? Id, bool Pending) Share(EmulatorStore store, Actor actor, IReadOnlyList<(string Type, int Id)> entities, (string Type, int Id) source, bool filmstrip) =>
        store.Write<(int?, bool)>(tx =>
    {
        var site = store.Site;
        var fieldName = filmstrip ? "filmstrip_image" : "image";
        var sourceRecord = site.FindLive(site.Schema.GetEntity(source.Type, Method).Name, source.Id)
            ?? throw new EmulatorException(ErrorCodes.NotFoundOrDenied, $"Entity of type [{source.Type}] with id={source.Id} does not exist.");
        if (sourceRecord.Stored(fieldName) is not JObject thumbnail || thumbnail.Value<int?>("id") is not { } attachmentId)
        {
            return () => (null, false);
        }

        if (FileUrls.IsPending(site, attachmentId))
        {
            return () => (null, true);
        }

        var writer = store.Writer();
        foreach (var (type, id) in entities)
        {
            var entity = site.Schema.GetEntity(type, Method);
            SiteSchema.GetField(entity, fieldName, Method);
            writer.Update(entity, id, [new FieldAssignment(fieldName, thumbnail.DeepClone())], actor, tx, Method, systemWrite: true);
        }

        return () => (attachmentId, false);
    });

    private static FieldSchema? TargetField(EntitySchema entity, UploadRequest request)
    {
        if (request.Thumbnail)
        {
            return SiteSchema.GetField(entity, request.Filmstrip ? "filmstrip_image" : "image", Method);
        }

        if (request.FieldName is null)
        {
            return null;
        }

        var field = SiteSchema.GetField(entity, request.FieldName, Method);
        return field.Kind == FieldKind.Url
            ? field
            : throw new EmulatorException(ErrorCodes.InvalidParameters, $"{entity.Name}.{field.Name} is not a File/Link field: an upload can only be stored in a field of data type url.");
    }
}
