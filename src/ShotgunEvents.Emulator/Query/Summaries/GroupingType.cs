using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>
/// One grouping type of <c>summarize</c>: its wire name, the data types it is offered for, and the group one
/// non-empty value falls in (empty values and list fields are handled once, by the summarizer).
/// </summary>
internal sealed record GroupingType(string Name, Func<FieldKind, bool> Fits, Func<JToken, GroupContext, GroupKey> Key);
