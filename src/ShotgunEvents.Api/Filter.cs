using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// A filter for <see cref="IShotgun.FindAsync"/>: one condition, or an and/or group of filters.
/// Placeholder: the client work fills in every operator of the protocol.
/// </summary>
public sealed class Filter
{
    private readonly JObject _wire;

    private Filter(JObject wire) => _wire = wire;

    /// <summary>A group that matches when every filter matches; with no filters it matches everything.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The group.</returns>
    public static Filter All(params Filter[] filters) => Group("and", filters);

    /// <summary>A group that matches when any filter matches.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The group.</returns>
    public static Filter Any(params Filter[] filters) => Group("or", filters);

    /// <summary>The condition <c>field is value</c>.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The condition.</returns>
    public static Filter Is(string field, object? value) => Condition(field, "is", value);

    /// <summary>A condition with any relation of the protocol.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="relation">The relation, for example <c>greater_than</c>.</param>
    /// <param name="values">The values.</param>
    /// <returns>The condition.</returns>
    public static Filter Condition(string field, string relation, params object?[] values) =>
        new(new JObject { ["path"] = field, ["relation"] = relation, ["values"] = JArray.FromObject(values) });

    /// <summary>The api3 wire form: <c>{"logical_operator", "conditions"}</c> for a group, <c>{"path", "relation", "values"}</c> for a condition.</summary>
    /// <returns>A new JSON object.</returns>
    public JObject ToWire() => (JObject)_wire.DeepClone();

    private static Filter Group(string op, Filter[] filters) =>
        new(new JObject { ["logical_operator"] = op, ["conditions"] = new JArray(filters.Select(f => f.ToWire())) });
}
