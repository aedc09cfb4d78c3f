using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Query.Summaries;

/// <summary>
/// The families of data types that summary and grouping types are offered for. Which type fits which family follows a
/// third-party table of the site's summarize options (a ShotGrid MCP tool's <c>summarizeTypes</c>); the Python API only
/// says "depending on the type of field", so the exact per-type limits of a real site are not verified here.
/// </summary>
internal static class SummaryKinds
{
    public static bool Any(FieldKind kind) => true;

    public static bool Numeric(FieldKind kind) =>
        kind is FieldKind.Number or FieldKind.Float or FieldKind.Duration or FieldKind.Percent or FieldKind.Currency or FieldKind.Timecode;

    public static bool Dates(FieldKind kind) => kind is FieldKind.Date or FieldKind.DateTime;

    public static bool Links(FieldKind kind) => FieldKinds.IsLink(kind);

    public static bool Lettered(FieldKind kind) => kind is FieldKind.Text or FieldKind.List or FieldKind.StatusList;

    public static bool Status(FieldKind kind) => kind == FieldKind.StatusList;

    public static bool Checkbox(FieldKind kind) => kind == FieldKind.Checkbox;

    /// <summary>Fields holding a list of values: a row joins one group per element.</summary>
    public static bool ManyValued(FieldKind kind) => kind is FieldKind.MultiEntity or FieldKind.TagList;
}
