namespace ShotgunEvents.Api;

/// <summary>One summary to compute, for example <c>new SummaryField("id", "count")</c>.</summary>
/// <param name="Field">The field summarized.</param>
/// <param name="Type">The summary type: <c>record_count</c>, <c>count</c>, <c>sum</c>, <c>maximum</c>, <c>minimum</c>, <c>average</c>, <c>earliest</c>, <c>latest</c>, ...</param>
public sealed record SummaryField(string Field, string Type);
