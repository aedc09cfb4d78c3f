namespace ShotgunEvents.Api;

/// <summary>One request of a <see cref="IShotgun.BatchAsync"/> call.</summary>
public sealed record BatchRequest
{
    private BatchRequest(string requestType, string entityType)
    {
        RequestType = requestType;
        EntityType = entityType;
    }

    /// <summary><c>create</c>, <c>update</c> or <c>delete</c>.</summary>
    public string RequestType { get; }

    /// <summary>The entity type.</summary>
    public string EntityType { get; }

    /// <summary>The entity id, for update and delete.</summary>
    public int? Id { get; private init; }

    /// <summary>The field values, for create and update.</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; private init; }

    /// <summary>Extra fields to return, for create.</summary>
    public IReadOnlyList<string>? ReturnFields { get; private init; }

    /// <summary>Per multi-entity field update modes, for update.</summary>
    public IReadOnlyDictionary<string, MultiEntityUpdateMode>? MultiEntityUpdateModes { get; private init; }

    /// <summary>A create request.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="data">The field values.</param>
    /// <param name="returnFields">Extra fields to return.</param>
    /// <returns>The request.</returns>
    public static BatchRequest Create(string entityType, IReadOnlyDictionary<string, object?> data, IEnumerable<string>? returnFields = null) =>
        new("create", entityType) { Data = data, ReturnFields = returnFields?.ToArray() };

    /// <summary>An update request.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <param name="data">The field values.</param>
    /// <param name="multiEntityUpdateModes">Per multi-entity field update modes.</param>
    /// <returns>The request.</returns>
    public static BatchRequest Update(string entityType, int id, IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, MultiEntityUpdateMode>? multiEntityUpdateModes = null) =>
        new("update", entityType) { Id = id, Data = data, MultiEntityUpdateModes = multiEntityUpdateModes };

    /// <summary>A create request from an anonymous object, a dictionary or a JSON object.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="data">The field values, for example <c>new { code = "sh010" }</c>.</param>
    /// <param name="returnFields">Extra fields to return.</param>
    /// <returns>The request.</returns>
    public static BatchRequest Create(string entityType, object data, params string[] returnFields) =>
        Create(entityType, FieldData.FromObject(data), (IEnumerable<string>)returnFields);

    /// <summary>An update request from an anonymous object, a dictionary or a JSON object.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <param name="data">The field values, for example <c>new { sg_status_list = "ip" }</c>.</param>
    /// <returns>The request.</returns>
    public static BatchRequest Update(string entityType, int id, object data) =>
        Update(entityType, id, FieldData.FromObject(data));

    /// <summary>A delete (retire) request.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <returns>The request.</returns>
    public static BatchRequest Delete(string entityType, int id) => new("delete", entityType) { Id = id };
}
