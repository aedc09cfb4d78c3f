using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// A connection to a Shotgun / ShotGrid / Flow Production Tracking site, as the daemon and every plugin callback use it.
/// The methods mirror the official Python API (<c>find</c>, <c>find_one</c>, <c>create</c>, ...) with C# names;
/// convenience overloads (FindOneAsync, params fields) are extension methods.
/// </summary>
/// <remarks>
/// Implementations are safe to share between threads for reads; <see cref="SessionUuid"/> is per connection, and the
/// daemon gives each registered callback credential pair its own connection.
/// </remarks>
public interface IShotgun
{
    /// <summary>
    /// The browser session id stamped on every write this connection makes, so the change shows up live in that
    /// session (the site's <c>session_uuid</c>). Null sends none.
    /// </summary>
    string? SessionUuid { get; set; }

    /// <summary>Finds entities, reading every page unless <see cref="FindOptions.Limit"/> or <see cref="FindOptions.Page"/> say otherwise.</summary>
    /// <param name="entityType">The entity type, for example <c>Shot</c>.</param>
    /// <param name="filters">The conditions; <see cref="Filter.All(Filter[])"/> (or null) matches every entity.</param>
    /// <param name="fields">The fields to return; <c>type</c> and <c>id</c> always come back.</param>
    /// <param name="options">Order, limit, page and retired-only switches; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching entities, in the requested order.</returns>
    Task<IReadOnlyList<Entity>> FindAsync(string entityType, Filter? filters, IEnumerable<string>? fields, FindOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates an entity.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="data">Field values; entity links as <see cref="EntityRef"/>, <see cref="Entity"/> or JSON objects.</param>
    /// <param name="returnFields">Extra fields to return beside the ones sent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created entity.</returns>
    Task<Entity> CreateAsync(string entityType, IReadOnlyDictionary<string, object?> data, IEnumerable<string>? returnFields = null, CancellationToken cancellationToken = default);

    /// <summary>Updates fields of one entity.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <param name="data">Field values to set.</param>
    /// <param name="multiEntityUpdateModes">Per multi-entity field: set (the default), add or remove.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed fields plus type and id.</returns>
    Task<Entity> UpdateAsync(string entityType, int id, IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, MultiEntityUpdateMode>? multiEntityUpdateModes = null, CancellationToken cancellationToken = default);

    /// <summary>Retires an entity.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True if it was retired now, false if it already was.</returns>
    Task<bool> DeleteAsync(string entityType, int id, CancellationToken cancellationToken = default);

    /// <summary>Brings a retired entity back.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True if it was revived now, false if it was not retired.</returns>
    Task<bool> ReviveAsync(string entityType, int id, CancellationToken cancellationToken = default);

    /// <summary>Runs several creates, updates and deletes in one transaction: all happen or none.</summary>
    /// <param name="requests">The requests, in order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per request: the entity for create and update, <c>true</c> for delete.</returns>
    Task<IReadOnlyList<JToken>> BatchAsync(IEnumerable<BatchRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Computes summaries (counts, sums, ...) over matching entities, optionally grouped.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="filters">The conditions.</param>
    /// <param name="summaryFields">What to compute.</param>
    /// <param name="grouping">How to group; null for a single total.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The site's answer: <c>{"summaries": {...}, "groups": [...]}</c>.</returns>
    Task<JObject> SummarizeAsync(string entityType, Filter? filters, IEnumerable<SummaryField> summaryFields, IEnumerable<SummaryGrouping>? grouping = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the whole schema: every entity type and its fields.</summary>
    /// <param name="project">A project whose visibility settings apply; null for the site's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>{Type: {field: {...}}}</c>.</returns>
    Task<JObject> SchemaReadAsync(EntityRef? project = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the field definitions of one entity type, or of one field.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="fieldName">One field, or null for all.</param>
    /// <param name="project">A project whose visibility settings apply; null for the site's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>{field: {...}}</c>.</returns>
    Task<JObject> SchemaFieldReadAsync(string entityType, string? fieldName = null, EntityRef? project = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the site's server information (version, page size, ...). Needs no credentials.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The <c>info</c> reply.</returns>
    Task<JObject> InfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads every entity type's display name and visibility (Python <c>schema_entity_read</c>).</summary>
    /// <param name="project">A project whose per-project names and visibility apply; null for the site's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>{Type: {"name": {"value", "editable"}, "visible": {...}}}</c>.</returns>
    Task<JObject> SchemaEntityReadAsync(EntityRef? project = null, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="user"/> follow <paramref name="entity"/> (Python <c>follow</c>); following twice changes nothing. A write.</summary>
    /// <param name="user">The <c>HumanUser</c> who follows.</param>
    /// <param name="entity">The entity to follow.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>{"followed": true, "user": ..., "entity": ...}</c>.</returns>
    Task<JObject> FollowAsync(EntityRef user, EntityRef entity, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="user"/> stop following <paramref name="entity"/> (Python <c>unfollow</c>). A write.</summary>
    /// <param name="user">The <c>HumanUser</c>.</param>
    /// <param name="entity">The followed entity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>{"unfollowed": true, "user": ..., "entity": ...}</c>.</returns>
    Task<JObject> UnfollowAsync(EntityRef user, EntityRef entity, CancellationToken cancellationToken = default);

    /// <summary>The users who follow <paramref name="entity"/> (Python <c>followers</c>).</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One <c>HumanUser</c> record per follower (type, id, name, status, valid).</returns>
    Task<IReadOnlyList<Entity>> FollowersAsync(EntityRef entity, CancellationToken cancellationToken = default);

    /// <summary>The entities <paramref name="user"/> follows (Python <c>following</c>).</summary>
    /// <param name="user">The <c>HumanUser</c>.</param>
    /// <param name="project">Only entities of this project; null for all.</param>
    /// <param name="entityType">Only entities of this type; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The followed entities as <c>{type, id}</c> records.</returns>
    Task<IReadOnlyList<Entity>> FollowingAsync(EntityRef user, EntityRef? project = null, string? entityType = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads a file and attaches it to an entity (Python <c>upload</c>): an <c>Attachment</c> is created, linked to
    /// the entity, and stored in <paramref name="fieldName"/> when given. A write.
    /// </summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="path">A local file; it must exist and not be empty.</param>
    /// <param name="fieldName">A File/Link field of the entity to store the file in, or null to only attach it.</param>
    /// <param name="displayName">The attachment's name; the file name when null.</param>
    /// <param name="tagList">Comma-separated tags for the attachment, or null.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The id of the new <c>Attachment</c>.</returns>
    /// <remarks>
    /// Sent the way the Python API sends it: to the site's storage in one PUT (or 20 MB parts) and then linked, when the
    /// site enables direct uploads for that field (its <c>info</c> says so); otherwise as one form upload. Each request
    /// is retried like any call; the timeout applies to each request (each part).
    /// </remarks>
    Task<int> UploadAsync(string entityType, int entityId, string path, string? fieldName = null, string? displayName = null,
        string? tagList = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads an image as an entity's thumbnail (Python <c>upload_thumbnail</c>). A write.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="path">A local image file.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The id of the thumbnail's <c>Attachment</c>.</returns>
    Task<int> UploadThumbnailAsync(string entityType, int entityId, string path, CancellationToken cancellationToken = default);

    /// <summary>Uploads a filmstrip (frames 240 px wide, side by side) as an entity's filmstrip thumbnail (Python <c>upload_filmstrip_thumbnail</c>). A write.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="path">A local image file.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The id of the filmstrip's <c>Attachment</c>.</returns>
    Task<int> UploadFilmstripThumbnailAsync(string entityType, int entityId, string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives several entities one thumbnail (Python <c>share_thumbnail</c>): either a file uploaded once (to the first
    /// entity, then shared with the others) or the thumbnail <paramref name="sourceEntity"/> already has. A write.
    /// </summary>
    /// <param name="entities">The entities to update; at least one.</param>
    /// <param name="thumbnailPath">A local image to upload; give this or <paramref name="sourceEntity"/>, not both.</param>
    /// <param name="sourceEntity">The entity whose thumbnail to share.</param>
    /// <param name="filmstripThumbnail">True to share the filmstrip thumbnail instead of the still.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id of the shared thumbnail's <c>Attachment</c>; null when the site named none.</returns>
    /// <exception cref="ArgumentException">No entity, or both or neither of <paramref name="thumbnailPath"/> and <paramref name="sourceEntity"/>.</exception>
    Task<int?> ShareThumbnailAsync(IEnumerable<EntityRef> entities, string? thumbnailPath = null, EntityRef? sourceEntity = null,
        bool filmstripThumbnail = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// The URL an attachment downloads from (Python <c>get_attachment_download_url</c>): the <c>url</c> of a file
    /// field's value (<c>version["sg_uploaded_movie"]</c>), or the site's download address for an <c>Attachment</c>
    /// link or id.
    /// </summary>
    /// <param name="attachment">A file field's value, an <c>{"type": "Attachment", "id": N}</c> link, or an attachment id (an int converts); null gives null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The URL, or null for a null attachment.</returns>
    /// <exception cref="ArgumentException">The value has no <c>url</c> and is not an Attachment link or id.</exception>
    Task<string?> GetAttachmentDownloadUrlAsync(JToken? attachment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads an attachment's file into <paramref name="destination"/> (Python <c>download_attachment</c>); see
    /// <see cref="ShotgunExtensions.DownloadAttachmentAsync(IShotgun, JToken?, CancellationToken)"/> for bytes and
    /// <see cref="ShotgunExtensions.DownloadAttachmentAsync(IShotgun, JToken?, string, CancellationToken)"/> for a file.
    /// </summary>
    /// <param name="attachment">As for <see cref="GetAttachmentDownloadUrlAsync"/>.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>True when a file was downloaded; false for a null attachment.</returns>
    /// <exception cref="ShotgunError">The site refused the download or could not be reached; the message names the URL and the status.</exception>
    Task<bool> DownloadAttachmentAsync(JToken? attachment, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>A note's whole conversation: the note, its replies and attachments, newest first (Python <c>note_thread_read</c>).</summary>
    /// <param name="noteId">The note's id.</param>
    /// <param name="entityFields">Extra fields per type, for example <c>{"Note": ["addressings_to"], "Reply": ["content"]}</c>; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records of the thread.</returns>
    Task<IReadOnlyList<Entity>> NoteThreadReadAsync(int noteId, IReadOnlyDictionary<string, string[]>? entityFields = null, CancellationToken cancellationToken = default);

    /// <summary>Searches entity names across types (Python <c>text_search</c>), as the site's global search does.</summary>
    /// <param name="text">The text; the site wants at least three characters.</param>
    /// <param name="entityTypes">The types to search, each with a filter to narrow it (null for none).</param>
    /// <param name="projectIds">Only these projects; null or empty for all.</param>
    /// <param name="limit">The most matches to return; null for the site's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>{"matches": [{type, id, name, project_id, links, status, ...}], "terms": [...]}</c>.</returns>
    Task<JObject> TextSearchAsync(string text, IReadOnlyDictionary<string, Filter?> entityTypes, IEnumerable<int>? projectIds = null,
        int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>An entity's activity stream, newest first, as the site's Activity tab shows it (Python <c>activity_stream_read</c>).</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="entityFields">Extra fields of the updates' entities, per type; null for the defaults.</param>
    /// <param name="minId">Only updates with at least this id; null for no bound.</param>
    /// <param name="maxId">Only updates with at most this id; null for no bound.</param>
    /// <param name="limit">The most updates to return; null for the site's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>{"entity_type", "entity_id", "earliest_update_id", "latest_update_id", "updates": [...]}</c>.</returns>
    Task<JObject> ActivityStreamReadAsync(string entityType, int entityId, IReadOnlyDictionary<string, string[]>? entityFields = null,
        int? minId = null, int? maxId = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>The working-day rules of a date range, inclusive (Python <c>work_schedule_read</c>).</summary>
    /// <param name="startDate">The first day.</param>
    /// <param name="endDate">The last day.</param>
    /// <param name="project">The project whose schedule to read; null for the studio's.</param>
    /// <param name="user">The <c>HumanUser</c> whose schedule to read; null for the studio's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>{"YYYY-MM-DD": {"working", "description", "reason"}, ...}</c>.</returns>
    Task<JObject> WorkScheduleReadAsync(DateOnly startDate, DateOnly endDate, EntityRef? project = null, EntityRef? user = null,
        CancellationToken cancellationToken = default);

    /// <summary>Sets one day of a work schedule (Python <c>work_schedule_update</c>): the studio's, a project's or a user's. A write.</summary>
    /// <param name="date">The day.</param>
    /// <param name="working">True for a working day.</param>
    /// <param name="description">Why (for example a holiday's name), or null.</param>
    /// <param name="project">The project whose schedule to change; not with <paramref name="user"/>.</param>
    /// <param name="user">The <c>HumanUser</c> whose schedule to change; not with <paramref name="project"/>.</param>
    /// <param name="recalculateField"><c>due_date</c> or <c>duration</c>: what to recalculate on affected Tasks; null for the site's preference.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rule as stored: <c>{"date", "working", "description", "project", "user"}</c>.</returns>
    Task<JObject> WorkScheduleUpdateAsync(DateOnly date, bool working, string? description = null, EntityRef? project = null,
        EntityRef? user = null, string? recalculateField = null, CancellationToken cancellationToken = default);

    /// <summary>Site preferences (Python <c>preferences_read</c>).</summary>
    /// <param name="prefs">The preference names to read; null or empty for the default set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>{name: value}</c>.</returns>
    Task<JObject> PreferencesReadAsync(IEnumerable<string>? prefs = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A connection that acts as the user with this login (Python's <c>sudo_as_login</c>): its writes are made, and
    /// logged in the event log, as that user; the script needs the permission on the site. It shares this connection's
    /// credentials, retries and <see cref="SessionUuid"/> (setting it on either sets it for both); making one sends nothing.
    /// </summary>
    /// <param name="login">The <c>HumanUser</c>'s login.</param>
    /// <returns>The connection.</returns>
    IShotgun AsUser(string login);

    /// <summary>
    /// Calls any api3 method that has no method of its own here, with this connection's credentials, retries, session
    /// id and error mapping: <c>await sg.CallMethodAsync("user_subscriptions_read", null)</c>.
    /// </summary>
    /// <param name="method">The api3 method name, as the Python API sends it (<c>_call_rpc("name", params)</c>).</param>
    /// <param name="parameters">The method's parameters, or null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The <c>results</c> of the answer.</returns>
    /// <remarks>Under <c>--dry-run</c> only the methods known to read are sent; any other is logged and answered with null.</remarks>
    Task<JToken> CallMethodAsync(string method, JToken? parameters, CancellationToken cancellationToken = default);
}
