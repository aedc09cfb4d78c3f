using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query;

/// <summary>The filter relations of api3 (protocol §2.4), which data types accept which, and which are negations of others.</summary>
internal static class Relations
{
    private static readonly string[] TextRelations = ["is", "is_not", "contains", "not_contains", "starts_with", "ends_with", "in", "not_in"];
    private static readonly string[] ChoiceRelations = ["is", "is_not", "in", "not_in"];
    private static readonly string[] NumberRelations = ["is", "is_not", "less_than", "greater_than", "between", "not_between", "in", "not_in"];
    private static readonly string[] CheckboxRelations = ["is", "is_not"];

    private static readonly string[] DateRelations =
    [
        "is", "is_not", "less_than", "greater_than", "between", "not_between", "in", "not_in",
        "in_last", "not_in_last", "in_next", "not_in_next", "in_calendar_day", "in_calendar_week", "in_calendar_month", "in_calendar_year",
    ];

    private static readonly string[] LinkRelations =
        ["is", "is_not", "in", "not_in", "type_is", "type_is_not", "name_contains", "name_not_contains", "name_is", "name_starts_with", "name_ends_with"];

    private static readonly Dictionary<string, string> Negations = new(StringComparer.Ordinal)
    {
        ["is_not"] = "is",
        ["not_contains"] = "contains",
        ["not_between"] = "between",
        ["not_in"] = "in",
        ["not_in_last"] = "in_last",
        ["not_in_next"] = "in_next",
        ["type_is_not"] = "type_is",
        ["name_not_contains"] = "name_contains",
    };

    /// <summary>The relations a data type accepts; empty for types that cannot be filtered (serializable, url, password).</summary>
    public static IReadOnlyList<string> ValidFor(FieldKind kind) => kind switch
    {
        FieldKind.Text or FieldKind.Color or FieldKind.Footage or FieldKind.SystemTaskType => TextRelations,
        FieldKind.StatusList or FieldKind.List or FieldKind.Uuid or FieldKind.EntityType or FieldKind.TagList => ChoiceRelations,
        FieldKind.Number or FieldKind.Float or FieldKind.Duration or FieldKind.Percent or FieldKind.Currency or FieldKind.Timecode => NumberRelations,
        FieldKind.Checkbox or FieldKind.Image => CheckboxRelations,
        FieldKind.Date or FieldKind.DateTime => DateRelations,
        FieldKind.Entity or FieldKind.MultiEntity => LinkRelations,
        _ => [],
    };

    /// <summary>Splits a relation into its positive form and whether the result is negated (<c>not_in</c> = not <c>in</c>).</summary>
    public static (string Positive, bool Negated) Split(string relation) =>
        Negations.TryGetValue(relation, out var positive) ? (positive, true) : (relation, false);
}
