using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>What a grouping type needs besides the value: the field's data type and the site's today (for <c>clustered_date</c>).</summary>
internal sealed record GroupContext(FieldKind Kind, DateOnly Today);
