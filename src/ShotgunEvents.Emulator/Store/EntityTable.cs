using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Store;

/// <summary>Every row of one entity type, retired ones included, and the type's id sequence.</summary>
internal sealed class EntityTable(EntitySchema schema)
{
    public EntitySchema Schema { get; } = schema;

    public Dictionary<int, EntityRecord> Records { get; } = [];

    /// <summary>The next id to hand out. Ids of rolled-back creates are not reused, as on a real database.</summary>
    public int NextId { get; set; } = 1;

    public EntityRecord? Find(int id) => Records.GetValueOrDefault(id);
}
