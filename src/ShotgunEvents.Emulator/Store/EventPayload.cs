using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Store;

/// <summary>
/// The bulky part of an event row: its <c>meta</c> and <c>description</c>. Rows written through the API own one each;
/// bulk-seeded rows share a few templates whose <c>entity_type</c>/<c>entity_id</c> and <c>{user}</c>/<c>{entity}</c>
/// placeholders are filled from the row when it is read, which keeps a million seeded rows small.
/// </summary>
internal sealed class EventPayload(JToken? meta, string? description, bool isTemplate)
{
    public const string UserPlaceholder = "{user}";
    public const string EntityPlaceholder = "{entity}";

    /// <summary>The meta object (parentless, never mutated after the row is written).</summary>
    public JToken? Meta { get; } = meta;

    public string? Description { get; } = description;

    public bool IsTemplate { get; } = isTemplate;
}
