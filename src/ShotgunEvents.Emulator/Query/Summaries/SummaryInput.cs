using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>What one summary is computed from: the rows' values of its field (and the empty ones), its data type and its <c>value</c>.</summary>
/// <param name="RowCount">The rows in the group, empty values included.</param>
/// <param name="All">One value a row (null where the row has none).</param>
/// <param name="Present">The non-empty values: not null, not an empty list.</param>
/// <param name="Kind">The data type of the summarized field.</param>
/// <param name="Value">The summary's <c>value</c>, for the percentage types.</param>
internal sealed record SummaryInput(int RowCount, IReadOnlyList<JToken?> All, IReadOnlyList<JToken> Present, FieldKind Kind, JToken? Value)
{
    public IEnumerable<double> Numbers => Present.Select(v => TypedValue.From(v, Kind)).OfType<double>();
}
