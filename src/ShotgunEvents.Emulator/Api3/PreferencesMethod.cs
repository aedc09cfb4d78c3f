using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>preferences_read</c>: <c>{"prefs": [name, ...]}</c> → <c>{name: value}</c>. An empty list answers every
/// preference; a name the site does not have is left out without an error, as the Python API's live test shows
/// (<c>email_notifications</c> asked, not answered).
/// </summary>
internal static class PreferencesMethod
{
    public static JToken Run(JToken? rawParameters)
    {
        // The Python API always sends {"prefs": [...]}; a call with no parameters at all is read as "every preference".
        var asked = rawParameters is null ? [] : Api3Params.Object(rawParameters, "preferences_read")["prefs"] switch
        {
            null or { Type: JTokenType.Null } => [],
            JArray list when list.All(p => p.Type == JTokenType.String) => list,
            var other => throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API preferences_read() prefs must be a list of preference names, got {other.ToString(Formatting.None)}."),
        };
        var all = SitePreferences.All();
        if (asked.Count == 0)
        {
            return all;
        }

        var result = new JObject();
        foreach (var name in asked.Select(p => (string)p!).Distinct(StringComparer.Ordinal))
        {
            if (all.TryGetValue(name, StringComparison.Ordinal, out var value))
            {
                result[name] = value.DeepClone();
            }
        }

        return result;
    }
}
