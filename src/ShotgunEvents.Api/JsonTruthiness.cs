using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Api;

/// <summary>
/// Python's truthiness for JSON values, so a ported <c>if event["meta"]["new_value"]:</c> keeps its meaning:
/// <c>if (e.Meta["new_value"].IsTruthy())</c>.
/// </summary>
public static class JsonTruthiness
{
    /// <summary>
    /// True when Python would take the value as true: false for a missing value, <c>null</c>, <c>false</c>, <c>0</c>,
    /// <c>0.0</c>, <c>""</c>, <c>[]</c> and <c>{}</c>; true for anything else.
    /// </summary>
    /// <param name="token">The value; null (absent) is false.</param>
    /// <returns>Its truthiness.</returns>
    public static bool IsTruthy(this JToken? token) => token?.Type switch
    {
        null or JTokenType.Null or JTokenType.Undefined or JTokenType.None => false,
        JTokenType.Boolean => token.Value<bool>(),
        JTokenType.Integer => ((JValue)token).Value switch
        {
            System.Numerics.BigInteger big => !big.IsZero,
            var number => Convert.ToDecimal(number, System.Globalization.CultureInfo.InvariantCulture) != 0,
        },
        JTokenType.Float => token.Value<double>() != 0,
        JTokenType.String => token.Value<string>()!.Length > 0,
        JTokenType.Array => ((JArray)token).Count > 0,
        JTokenType.Object => ((JObject)token).Count > 0,
        _ => true,
    };
}
