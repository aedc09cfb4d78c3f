using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// Convenience overloads that make <see cref="IShotgun"/> read like the Python API:
/// <c>await sg.FindOneAsync("Shot", Filter.Is("id", 42), "code", "sg_status_list")</c>,
/// <c>await sg.CreateAsync("Shot", new { code = "sh010", project })</c>.
/// </summary>
public static class ShotgunExtensions
{
    /// <summary>Finds entities, reading every page.</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="entityType">The entity type, for example <c>Shot</c>.</param>
    /// <param name="filters">The conditions; null matches every entity.</param>
    /// <param name="fields">The fields to return; <c>type</c> and <c>id</c> always come back.</param>
    /// <returns>The matching entities.</returns>
    public static Task<IReadOnlyList<Entity>> FindAsync(this IShotgun shotgun, string entityType, Filter? filters, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(shotgun);
        return shotgun.FindAsync(entityType, filters, fields, null, CancellationToken.None);
    }

    /// <summary>Finds entities with order, limit, page or retired-only options.</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="filters">The conditions; null matches every entity.</param>
    /// <param name="options">Order, limit, page, retired-only.</param>
    /// <param name="fields">The fields to return.</param>
    /// <returns>The matching entities.</returns>
    public static Task<IReadOnlyList<Entity>> FindAsync(this IShotgun shotgun, string entityType, Filter? filters, FindOptions options, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(shotgun);
        return shotgun.FindAsync(entityType, filters, fields, options, CancellationToken.None);
    }

    /// <summary>Finds the first matching entity, or null.</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="filters">The conditions; null matches every entity.</param>
    /// <param name="fields">The fields to return.</param>
    /// <returns>The entity, or null when none matches.</returns>
    public static Task<Entity?> FindOneAsync(this IShotgun shotgun, string entityType, Filter? filters, params string[] fields) =>
        FindOneAsync(shotgun, entityType, filters, fields, null, CancellationToken.None);

    /// <summary>Finds the first matching entity in the given order, or null.</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="filters">The conditions; null matches every entity.</param>
    /// <param name="options">Order and retired-only; the limit is always 1.</param>
    /// <param name="fields">The fields to return.</param>
    /// <returns>The entity, or null when none matches.</returns>
    public static Task<Entity?> FindOneAsync(this IShotgun shotgun, string entityType, Filter? filters, FindOptions options, params string[] fields) =>
        FindOneAsync(shotgun, entityType, filters, fields, options, CancellationToken.None);

    /// <summary>Finds the first matching entity, or null.</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="filters">The conditions; null matches every entity.</param>
    /// <param name="fields">The fields to return.</param>
    /// <param name="options">Order and retired-only; the limit is always 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entity, or null when none matches.</returns>
    public static async Task<Entity?> FindOneAsync(this IShotgun shotgun, string entityType, Filter? filters, IEnumerable<string>? fields, FindOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shotgun);
        var one = (options ?? new FindOptions()) with { Limit = 1 };
        var found = await shotgun.FindAsync(entityType, filters, fields, one, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>Creates an entity from an anonymous object, a dictionary or a JSON object.</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="data">The fields, for example <c>new { code = "sh010", project = projectRef }</c>.</param>
    /// <param name="returnFields">Extra fields to return beside the ones sent.</param>
    /// <returns>The created entity.</returns>
    public static Task<Entity> CreateAsync(this IShotgun shotgun, string entityType, object data, params string[] returnFields)
    {
        ArgumentNullException.ThrowIfNull(shotgun);
        return shotgun.CreateAsync(entityType, FieldData.FromObject(data), returnFields, CancellationToken.None);
    }

    /// <summary>Updates an entity from an anonymous object, a dictionary or a JSON object.</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <param name="data">The fields to set, for example <c>new { sg_status_list = "ip" }</c>.</param>
    /// <param name="multiEntityUpdateModes">Per multi-entity field: set, add or remove.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed fields plus type and id.</returns>
    public static Task<Entity> UpdateAsync(this IShotgun shotgun, string entityType, int id, object data, IReadOnlyDictionary<string, MultiEntityUpdateMode>? multiEntityUpdateModes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shotgun);
        return shotgun.UpdateAsync(entityType, id, FieldData.FromObject(data), multiEntityUpdateModes, cancellationToken);
    }

    /// <summary>Runs several requests in one transaction.</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="requests">The requests, in order.</param>
    /// <returns>One result per request.</returns>
    public static Task<IReadOnlyList<JToken>> BatchAsync(this IShotgun shotgun, params BatchRequest[] requests)
    {
        ArgumentNullException.ThrowIfNull(shotgun);
        return shotgun.BatchAsync(requests, CancellationToken.None);
    }

    /// <summary>Downloads an attachment's file into memory (Python <c>download_attachment(attachment)</c>).</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="attachment">A file field's value, an Attachment link, or an attachment id; null gives null.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The file's bytes, or null for a null attachment.</returns>
    public static async Task<byte[]?> DownloadAttachmentAsync(this IShotgun shotgun, JToken? attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shotgun);
        using var memory = new MemoryStream();
        return await shotgun.DownloadAttachmentAsync(attachment, memory, cancellationToken).ConfigureAwait(false) ? memory.ToArray() : null;
    }

    /// <summary>
    /// Downloads an attachment's file to <paramref name="filePath"/> (Python <c>download_attachment(attachment, file_path=...)</c>).
    /// The file is written beside its final name and renamed when complete, so a failed download leaves no partial file.
    /// </summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="attachment">A file field's value, an Attachment link, or an attachment id; null gives null.</param>
    /// <param name="filePath">Where to write the file (replaced when it exists).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns><paramref name="filePath"/>, or null for a null attachment (nothing is written).</returns>
    public static async Task<string?> DownloadAttachmentAsync(this IShotgun shotgun, JToken? attachment, string filePath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shotgun);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        var full = Path.GetFullPath(filePath);
        var partial = full + ".part";
        bool downloaded;
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                downloaded = await shotgun.DownloadAttachmentAsync(attachment, file, cancellationToken).ConfigureAwait(false);
            }

            if (downloaded)
            {
                File.Move(partial, full, overwrite: true);
            }
        }
        finally
        {
            File.Delete(partial);
        }

        return downloaded ? filePath : null;
    }

    /// <summary>Computes summaries over matching entities, as one total.</summary>
    /// <param name="shotgun">The connection.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="filters">The conditions; null matches every entity.</param>
    /// <param name="summaryFields">What to compute.</param>
    /// <returns><c>{"summaries": {...}, "groups": []}</c>.</returns>
    public static Task<JObject> SummarizeAsync(this IShotgun shotgun, string entityType, Filter? filters, params SummaryField[] summaryFields)
    {
        ArgumentNullException.ThrowIfNull(shotgun);
        return shotgun.SummarizeAsync(entityType, filters, summaryFields, null, CancellationToken.None);
    }
}
