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
}
