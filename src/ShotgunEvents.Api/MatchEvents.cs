using System.Collections;

namespace ShotgunEvents.Api;

/// <summary>
/// Which events a callback receives, keyed by event type: upstream's <c>matchEvents</c> dict, with its rules.
/// </summary>
/// <example>
/// <code>
/// var match = new MatchEvents
/// {
///     ["Shotgun_Version_Change"] = ["sg_status_list"],   // that field only
///     ["Shotgun_Version_New"] = null,                     // every Version creation
/// };
/// </code>
/// </example>
/// <remarks>
/// <list type="number">
/// <item>An empty filter (or none at registration) matches every event.</item>
/// <item>A <c>"*"</c> key makes <b>only</b> that entry count, whatever the event type; other keys are ignored.
/// Otherwise the event's type must be a key.</item>
/// <item>A null entry, or a list containing <c>"*"</c>, matches every attribute (also the null attribute of
/// <c>_New</c> and <c>_Retirement</c> events).</item>
/// <item>Otherwise the event's <c>attribute_name</c> must be non-empty and in the list.</item>
/// </list>
/// A single string instead of a list is accepted and matched exactly (upstream matched it as a substring); see
/// <see cref="AttributeMatch"/>.
/// </remarks>
public sealed class MatchEvents : IEnumerable<KeyValuePair<string, AttributeMatch?>>
{
    /// <summary>The wildcard event type.</summary>
    public const string AnyEventType = "*";

    private readonly Dictionary<string, AttributeMatch?> _entries = new(StringComparer.Ordinal);

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The event types listed (including <c>"*"</c> when present).</summary>
    public IEnumerable<string> EventTypes => _entries.Keys;

    /// <summary>The attribute list for an event type; null means every attribute.</summary>
    /// <param name="eventType">The event type, for example <c>Shotgun_Task_Change</c>, or <c>"*"</c>.</param>
    /// <exception cref="KeyNotFoundException">Getting an event type that is not listed.</exception>
    public AttributeMatch? this[string eventType]
    {
        get => _entries.TryGetValue(eventType, out var value)
            ? value
            : throw new KeyNotFoundException($"matchEvents has no entry for '{eventType}'.");
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(eventType);
            _entries[eventType] = value;
        }
    }

    /// <summary>Adds an entry (for the <c>{ { "Shotgun_Shot_New", null } }</c> initializer form).</summary>
    /// <param name="eventType">The event type, or <c>"*"</c>.</param>
    /// <param name="attributes">The attributes; null for every attribute.</param>
    public void Add(string eventType, AttributeMatch? attributes) => this[eventType] = attributes;

    /// <summary>Reads the entry for an event type.</summary>
    /// <param name="eventType">The event type.</param>
    /// <param name="attributes">The entry; null means every attribute.</param>
    /// <returns>True when the event type is listed.</returns>
    public bool TryGetValue(string eventType, out AttributeMatch? attributes) => _entries.TryGetValue(eventType, out attributes);

    /// <summary>True when <paramref name="evt"/> passes this filter.</summary>
    /// <param name="evt">The event.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(ShotgunEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        return Matches(evt.EventType, evt.AttributeName);
    }

    /// <summary>True when an event of this type and attribute passes this filter.</summary>
    /// <param name="eventType">The event's <c>event_type</c>.</param>
    /// <param name="attributeName">The event's <c>attribute_name</c>.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(string eventType, string? attributeName)
    {
        if (_entries.Count == 0)
        {
            return true;
        }

        if (!_entries.TryGetValue(AnyEventType, out var attributes) && !_entries.TryGetValue(eventType, out attributes))
        {
            return false;
        }

        return attributes is null || attributes.Matches(attributeName);
    }

    /// <summary>A copy, so a plugin that changes its filter after registering does not change what was registered.</summary>
    /// <returns>The copy.</returns>
    public MatchEvents Clone()
    {
        var copy = new MatchEvents();
        foreach (var (key, value) in _entries)
        {
            copy._entries[key] = value;
        }

        return copy;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, AttributeMatch?>> GetEnumerator() => _entries.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() =>
        _entries.Count == 0
            ? "{} (every event)"
            : "{" + string.Join(", ", _entries.Select(e => $"\"{e.Key}\": {e.Value?.ToString() ?? "null"}")) + "}";
}
