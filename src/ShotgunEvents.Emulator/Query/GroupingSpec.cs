using ShotgunEvents.Emulator.Query.Summaries;

namespace ShotgunEvents.Emulator.Query;

/// <summary>One grouping level of a summarize call: <c>{"field", "type", "direction"}</c>.</summary>
internal sealed record GroupingSpec(FieldPath Path, GroupingType Type, bool Descending);
