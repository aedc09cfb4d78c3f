namespace ShotgunEvents.Emulator.Query;

/// <summary>One sort key of a read: a field (deep links allowed) and its direction.</summary>
internal sealed record SortKey(FieldPath Path, bool Descending);
