using System.Globalization;
using ShotgunEvents.Api;
using ShotgunEvents.Client.Wire;

namespace ShotgunEvents.Client.Transport;

/// <summary>
/// The Python API's upload and thumbnail-sharing protocol (<c>upload</c>, <c>_upload_to_storage</c>,
/// <c>_upload_to_sg</c>, <c>share_thumbnail</c>), over <see cref="FileTransfer"/>. One instance per call: it carries
/// the calling connection's auth fields, secrets and retry observer.
/// </summary>
internal sealed class UploadProtocol(FileTransfer files, SiteInfo site, IReadOnlyList<KeyValuePair<string, string>> auth,
    SecretScrubber scrubber, Action<ShotgunRetryNotice>? onRetry)
{
    /// <summary>The Python API's part size: a file larger than this goes to storage in parts of this size.</summary>
    public const int PartSize = 20_000_000;

    private static readonly string[] ThumbnailFields = ["thumb_image", "filmstrip_thumb_image", "image", "filmstrip_image"];

    public async Task<int> UploadAsync(string entityType, int entityId, string path, string? fieldName, string? displayName, string? tagList,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"upload: '{full}' is not a file.", full);
        }

        if (info.Length == 0)
        {
            throw new ArgumentException($"upload: '{full}' is empty; the site does not take empty files.", nameof(path));
        }

        var thumbnail = fieldName is not null && ThumbnailFields.Contains(fieldName, StringComparer.Ordinal);
        var filmstrip = fieldName is "filmstrip_thumb_image" or "filmstrip_image";
        return site.RequiresDirectUpload(entityType, fieldName)
            ? await ToStorageAsync(entityType, entityId, full, info.Length, fieldName, displayName, tagList, thumbnail, filmstrip, cancellationToken).ConfigureAwait(false)
            : await ToFormAsync(entityType, entityId, full, fieldName, displayName, tagList, thumbnail, filmstrip, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int?> ShareThumbnailAsync(IReadOnlyList<EntityRef> entities, string? thumbnailPath, EntityRef? sourceEntity, bool filmstrip,
        CancellationToken cancellationToken)
    {
        if (entities.Count == 0)
        {
            throw new ArgumentException("share_thumbnail: give at least one entity to update.", nameof(entities));
        }

        if ((thumbnailPath is null) == (sourceEntity is null))
        {
            throw new ArgumentException("share_thumbnail: give either a thumbnail path or a source entity, not both and not neither.",
                nameof(thumbnailPath));
        }

        var targets = entities;
        int? uploaded = null;
        if (thumbnailPath is not null)
        {
            // As the Python API does: upload to the first entity, then share its thumbnail with the rest.
            sourceEntity = entities[0];
            targets = [.. entities.Skip(1)];
            uploaded = await UploadAsync(sourceEntity.Type, sourceEntity.Id, thumbnailPath, filmstrip ? "filmstrip_thumb_image" : "thumb_image",
                null, null, cancellationToken).ConfigureAwait(false);
            if (targets.Count == 0)
            {
                return uploaded;
            }
        }

        var fields = new List<KeyValuePair<string, string>>
        {
            new("entities", string.Join(",", targets.Select(Handle))),
            new("source_entity", Handle(sourceEntity!)),
            new("filmstrip_thumbnail", filmstrip ? "1" : "False"),
        };
        var answer = await PostAsync("upload/share_thumbnail", fields, null, cancellationToken).ConfigureAwait(false);
        if (answer.StartsWith("1:", StringComparison.Ordinal))
        {
            // Clearing a thumbnail answers no attachment id.
            return TryAttachmentId(answer, out var id) ? id : null;
        }

        throw new ShotgunFault("share_thumbnail", 0, answer.StartsWith('2')
            ? $"Unable to share the thumbnail: it is still being processed on the site ({Flatten(answer)})."
            : $"Unable to share the thumbnail: {Flatten(answer)}");
    }

    private async Task<int> ToStorageAsync(string entityType, int entityId, string path, long size, string? fieldName, string? displayName, string? tagList,
        bool thumbnail, bool filmstrip, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(path);
        var multipart = size > PartSize;
        var linkInfo = await PostAsync("upload/api_get_upload_link_info",
        [
            new("upload_type", thumbnail ? "Thumbnail" : "Attachment"),
            new("filename", fileName),
            new("multipart_upload", multipart ? "True" : "False"),
        ], null, cancellationToken).ConfigureAwait(false);
        var parts = linkInfo.Split('\n');
        if (!linkInfo.StartsWith('1') || parts.Length < 5)
        {
            throw new ShotgunFault("upload", 0, $"Could not get an upload URL for '{path}': {Flatten(linkInfo)}");
        }

        var contentType = FileTransfer.ContentTypeOf(fileName);
        if (multipart)
        {
            await PutInPartsAsync(path, fileName, parts, contentType, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            await files.PutAsync(new Uri(parts[1].Trim()), bytes, contentType, scrubber, onRetry, cancellationToken).ConfigureAwait(false);
        }

        var fields = new List<KeyValuePair<string, string>>
        {
            new("entity_type", entityType),
            new("entity_id", entityId.ToString(CultureInfo.InvariantCulture)),
            new("upload_link_info", linkInfo),
        };
        AddAttachmentFields(fields, fileName, fieldName, displayName, tagList, thumbnail, filmstrip);
        return AttachmentId(await PostAsync("upload/api_link_file", fields, null, cancellationToken).ConfigureAwait(false), path);
    }

    private async Task PutInPartsAsync(string path, string fileName, string[] linkInfo, string contentType, CancellationToken cancellationToken)
    {
        var etags = new List<string>();
        var buffer = new byte[PartSize];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        for (var part = 1; ; part++)
        {
            var read = await file.ReadAtLeastAsync(buffer, PartSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var link = await PostAsync("upload/api_get_upload_link_for_part",
            [
                new("upload_type", linkInfo[3].Trim()),
                new("filename", fileName),
                new("timestamp", linkInfo[2].Trim()),
                new("upload_id", linkInfo[4].Trim()),
                new("part_number", part.ToString(CultureInfo.InvariantCulture)),
            ], null, cancellationToken).ConfigureAwait(false);
            var lines = link.Split('\n', 3);
            if (!link.StartsWith('1') || lines.Length < 2)
            {
                throw new ShotgunFault("upload", 0, $"Could not get the URL of part {part} of '{path}': {Flatten(link)}");
            }

            etags.Add(await files.PutAsync(new Uri(lines[1].Trim()), buffer.AsMemory(0, read), contentType, scrubber, onRetry, cancellationToken)
                .ConfigureAwait(false));
        }

        var done = await PostAsync("upload/api_complete_multipart_upload",
        [
            new("upload_type", linkInfo[3].Trim()),
            new("filename", fileName),
            new("timestamp", linkInfo[2].Trim()),
            new("upload_id", linkInfo[4].Trim()),
            new("etags", string.Join(",", etags)),
        ], null, cancellationToken).ConfigureAwait(false);
        if (!done.StartsWith('1'))
        {
            throw new ShotgunFault("upload", 0, $"Could not complete the upload of '{path}': {Flatten(done)}");
        }
    }

    private async Task<int> ToFormAsync(string entityType, int entityId, string path, string? fieldName, string? displayName, string? tagList,
        bool thumbnail, bool filmstrip, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("entity_type", entityType),
            new("entity_id", entityId.ToString(CultureInfo.InvariantCulture)),
        };
        AddAttachmentFields(fields, Path.GetFileName(path), fieldName, displayName, tagList, thumbnail, filmstrip);
        var answer = thumbnail
            ? await PostAsync("upload/publish_thumbnail", fields, ("thumb_image", path), cancellationToken).ConfigureAwait(false)
            : await PostAsync("upload/upload_file", fields, ("file", path), cancellationToken).ConfigureAwait(false);
        return AttachmentId(answer, path);
    }

    private static void AddAttachmentFields(List<KeyValuePair<string, string>> fields, string fileName, string? fieldName, string? displayName,
        string? tagList, bool thumbnail, bool filmstrip)
    {
        if (thumbnail)
        {
            if (filmstrip)
            {
                fields.Add(new("filmstrip", "True"));
            }

            return;
        }

        if (fieldName is not null)
        {
            fields.Add(new("field_name", fieldName));
        }

        fields.Add(new("display_name", displayName ?? fileName));
        if (!string.IsNullOrEmpty(tagList))
        {
            fields.Add(new("tag_list", tagList));
        }
    }

    private Task<string> PostAsync(string path, List<KeyValuePair<string, string>> fields, (string Name, string Path)? file, CancellationToken cancellationToken)
    {
        fields.AddRange(auth);
        return files.PostFormAsync(path, fields, file, scrubber, onRetry, cancellationToken);
    }

    private int AttachmentId(string answer, string path) =>
        answer.StartsWith('1') && TryAttachmentId(answer, out var id)
            ? id
            : throw new ShotgunFault("upload", 0, $"Could not upload '{path}': {Flatten(answer)}");

    // "1:<id>\n...": the id sits between the first colon and the end of that line.
    private static bool TryAttachmentId(string answer, out int id)
    {
        var colon = answer.IndexOf(':', StringComparison.Ordinal);
        var end = answer.IndexOf('\n', StringComparison.Ordinal);
        id = 0;
        return colon >= 0 && int.TryParse(answer.AsSpan(colon + 1, (end > colon ? end : answer.Length) - colon - 1).Trim(),
            NumberStyles.Integer, CultureInfo.InvariantCulture, out id);
    }

    private static string Handle(EntityRef entity) => $"{entity.Type}_{entity.Id.ToString(CultureInfo.InvariantCulture)}";

    private string Flatten(string answer) => scrubber.Scrub(answer.ReplaceLineEndings(" ").Trim());
}
