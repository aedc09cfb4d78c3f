namespace ShotgunEvents.Api;

/// <summary>One grouping level of a summarize call.</summary>
/// <param name="Field">The field grouped on.</param>
/// <param name="Type">The grouping type, usually <c>exact</c>.</param>
/// <param name="Descending">True to order groups descending.</param>
public sealed record SummaryGrouping(string Field, string Type = "exact", bool Descending = false);
