using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query;

/// <summary>One step of a deep link such as <c>entity.Shot.code</c>: the linked type (<c>Shot</c>) and its field (<c>code</c>).</summary>
internal sealed record FieldHop(EntitySchema Entity, FieldSchema Field);
