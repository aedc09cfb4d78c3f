using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Tests.Client.Support;

/// <summary>One HTTP request as <see cref="RecordingSite"/> received it.</summary>
internal sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JObject Json
    {
        get
        {
            using var reader = new JsonTextReader(new StringReader(Body)) { DateParseHandling = DateParseHandling.None };
            return JObject.Load(reader);
        }
    }

    public string MethodName => Json.Value<string>("method_name")!;

    public JArray Params => (JArray)Json["params"]!;
}
