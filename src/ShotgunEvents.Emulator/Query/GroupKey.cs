using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Query;

/// <summary>One group of a summarize grouping: its identity, the <c>group_name</c>/<c>group_value</c> shown, and its sort value.</summary>
internal sealed record GroupKey(string Key, string Name, JToken Value, object? SortValue);
