using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Query;

/// <summary>Writes a value the way a site's error texts quote it (Ruby's inspect): <c>[100, "day"]</c>, <c>{"id" =&gt; 1}</c>, <c>nil</c>.</summary>
internal static class SiteInspect
{
    public static string Of(JToken? token) => token switch
    {
        null or { Type: JTokenType.Null } => "nil",
        JArray array => "[" + string.Join(", ", array.Select(Of)) + "]",
        JObject obj => "{" + string.Join(", ", obj.Properties().Select(p => $"{JsonConvert.ToString(p.Name)} => {Of(p.Value)}")) + "}",
        { Type: JTokenType.String } => JsonConvert.ToString((string?)token),
        { Type: JTokenType.Boolean } => (bool)token ? "true" : "false",
        { Type: JTokenType.Float } => ((double)token).ToString("R", CultureInfo.InvariantCulture),
        _ => token.ToString(Formatting.None),
    };

    /// <summary>The Ruby class name a site names for a JSON value in "expected [...] data type(s) but got X".</summary>
    public static string ClassOf(JToken? token) => token switch
    {
        null or { Type: JTokenType.Null } => "NilClass",
        { Type: JTokenType.Integer } => "Integer",
        { Type: JTokenType.Float } => "Float",
        { Type: JTokenType.String } => "String",
        { Type: JTokenType.Boolean } => (bool)token ? "TrueClass" : "FalseClass",
        JArray => "Array",
        _ => "ActionDispatch::Http::ParamsHashWithIndifferentAccess",
    };
}
