using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query.Summaries;

namespace ShotgunEvents.Emulator.Query;

/// <summary>One summary of a summarize call: <c>{"field", "type"}</c>, plus <c>value</c> for the percentage types.</summary>
internal sealed record SummarySpec(FieldPath Path, SummaryType Type, JToken? Value);
