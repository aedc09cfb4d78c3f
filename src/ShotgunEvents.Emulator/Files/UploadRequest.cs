namespace ShotgunEvents.Emulator.Files;

/// <summary>What a finished upload links: the target entity, the stored file and how it is attached.</summary>
/// <param name="EntityType">The entity the file belongs to.</param>
/// <param name="EntityId">Its id.</param>
/// <param name="File">The stored file.</param>
/// <param name="ContentType">The file's content type (from its name).</param>
/// <param name="FieldName">A File/Link field of the entity to set, or null.</param>
/// <param name="DisplayName">The Attachment's name; the file name when null.</param>
/// <param name="TagList">Comma-separated tags, or null.</param>
/// <param name="Thumbnail">True for <c>upload_thumbnail</c> / <c>upload_filmstrip_thumbnail</c>.</param>
/// <param name="Filmstrip">True for a filmstrip thumbnail.</param>
internal sealed record UploadRequest(string EntityType, int EntityId, StoredFile File, string ContentType, string? FieldName, string? DisplayName,
    string? TagList, bool Thumbnail, bool Filmstrip);
