using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>One summary type of <c>summarize</c>: its wire name, the data types it is offered for, and how it is computed.</summary>
internal sealed record SummaryType(string Name, Func<FieldKind, bool> Fits, Func<SummaryInput, JToken> Compute);
