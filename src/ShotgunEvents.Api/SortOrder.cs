namespace ShotgunEvents.Api;

/// <summary>One sort key of a find.</summary>
/// <param name="Field">The field to sort on; deep links such as <c>entity.Shot.code</c> are allowed.</param>
/// <param name="Descending">True for descending order.</param>
public sealed record SortOrder(string Field, bool Descending = false)
{
    /// <summary>Ascending on <paramref name="field"/>.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The sort key.</returns>
    public static SortOrder Asc(string field) => new(field);

    /// <summary>Descending on <paramref name="field"/>.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The sort key.</returns>
    public static SortOrder Desc(string field) => new(field, Descending: true);
}
