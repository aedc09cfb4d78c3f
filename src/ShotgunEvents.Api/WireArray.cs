using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>A JSON list read off the wire; the values are those of <see cref="WireObject"/>.</summary>
internal sealed class WireArray(object?[] values)
{
    public int Count => values.Length;

    public object? this[int index] => values[index];

    public JArray ToJArray()
    {
        var array = new JArray();
        foreach (var value in values)
        {
            array.Add(WireObject.ToToken(value));
        }

        return array;
    }
}
