using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Tests.Support;

/// <summary>An answer's keys in ordinal order, for asserting the exact shape of a record whatever order the site wrote it in.</summary>
internal static class JsonKeys
{
    public static string[] Sorted(JToken record) => [.. ((JObject)record).Properties().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
