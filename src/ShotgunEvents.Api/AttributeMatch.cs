using System.Collections;
using System.Runtime.CompilerServices;

namespace ShotgunEvents.Api;

/// <summary>
/// The attribute part of one <see cref="MatchEvents"/> entry: the field names a <c>_Change</c> event must carry.
/// Write it as a list, <c>["sg_status_list", "code"]</c>; <c>["*"]</c> (or a null entry) matches every attribute,
/// including the null attribute of <c>_New</c> and <c>_Retirement</c> events.
/// </summary>
/// <remarks>
/// A single string (<c>"sg_status_list"</c>) is accepted because upstream's examples use one, but it is matched
/// <b>exactly</b>, as a one-name list, not as a substring as the Python framework did; the plugin's logger warns
/// once per load when a plugin registers one.
/// </remarks>
[CollectionBuilder(typeof(AttributeMatch), nameof(Create))]
public sealed class AttributeMatch : IReadOnlyList<string>
{
    /// <summary>The wildcard name: a list that contains it matches every attribute.</summary>
    public const string Wildcard = "*";

    private readonly string[] _names;

    /// <summary>A list of attribute names.</summary>
    /// <param name="names">The names; none may be null (use a null <see cref="MatchEvents"/> entry to match every attribute).</param>
    public AttributeMatch(IEnumerable<string> names)
        : this(Validate(names), fromString: false)
    {
    }

    private AttributeMatch(string[] names, bool fromString)
    {
        _names = names;
        FromString = fromString;
        IsWildcard = Array.IndexOf(names, Wildcard) >= 0;
    }

    /// <summary>A list holding only <c>"*"</c>: every attribute.</summary>
    public static AttributeMatch Any { get; } = new([Wildcard], fromString: false);

    /// <summary>True when the entry was given as a single string rather than a list (upstream's substring quirk, matched exactly here).</summary>
    public bool FromString { get; }

    /// <summary>True when the list contains <c>"*"</c>.</summary>
    public bool IsWildcard { get; }

    /// <inheritdoc />
    public int Count => _names.Length;

    /// <inheritdoc />
    public string this[int index] => _names[index];

    /// <summary>Builds a list from a collection expression such as <c>["sg_status_list"]</c>.</summary>
    /// <param name="names">The names.</param>
    /// <returns>The list.</returns>
    public static AttributeMatch Create(ReadOnlySpan<string> names) => new(Validate(names.ToArray()), fromString: false);

    /// <summary>Accepts a single name, matched exactly (see the remarks on <see cref="AttributeMatch"/>).</summary>
    /// <param name="name">The attribute name, or <c>"*"</c>.</param>
    public static implicit operator AttributeMatch(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new AttributeMatch([name], fromString: true);
    }

    /// <summary>Accepts an array of names.</summary>
    /// <param name="names">The names.</param>
    public static implicit operator AttributeMatch(string[] names) => new(names);

    /// <summary>Accepts a list of names.</summary>
    /// <param name="names">The names.</param>
    public static implicit operator AttributeMatch(List<string> names) => new(names);

    /// <summary>Builds the list from a single name, matched exactly (the same as the implicit conversion).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The list.</returns>
    public static AttributeMatch FromSingleString(string name) => name;

    /// <summary>True when an event with this attribute matches: the list is a wildcard, or holds the (non-empty) name exactly.</summary>
    /// <param name="attributeName">The event's <c>attribute_name</c>.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(string? attributeName) =>
        IsWildcard || (!string.IsNullOrEmpty(attributeName) && Array.IndexOf(_names, attributeName) >= 0);

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_names).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => FromString ? $"\"{_names[0]}\"" : "[" + string.Join(", ", _names.Select(n => $"\"{n}\"")) + "]";

    private static string[] Validate(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var array = names.ToArray();
        if (array.Any(name => name is null))
        {
            throw new ArgumentException(
                "An attribute list cannot contain null; to match every attribute use [\"*\"] or a null entry instead of a list.",
                nameof(names));
        }

        return array;
    }
}
