using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>batch</c>: a list of create/update/delete requests run in one transaction. One failing request undoes all
/// of them and logs no event; the fault names the failing request.
/// </summary>
internal static class BatchMethod
{
    public static JToken Run(EmulatorStore store, JObject? auth, JToken? rawParameters)
    {
        var actor = store.Read(site => AuthResolver.Resolve(site, auth));
        if (rawParameters is not JArray requests)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, "API batch() expects a list of requests.");
        }

        return store.Write<JToken>(tx =>
        {
            var results = new List<Func<JToken>>();
            foreach (var (item, index) in requests.Select((r, i) => (r, i)))
            {
                if (item is not JObject request || request.Value<string?>("request_type") is not ("create" or "update" or "delete"))
                {
                    throw new EmulatorException(ErrorCodes.InvalidParameters,
                        $"API batch() request {index} needs a request_type of create, update or delete, got {item.ToString(Formatting.None)}.");
                }

                var method = request.Value<string>("request_type")!;
                try
                {
                    results.Add(WriteMethods.Apply(store, method, request, actor, tx));
                }
                catch (EmulatorException ex)
                {
                    throw new EmulatorException(ex.ErrorCode, $"{ex.Message} (batch request {index}; no request of the batch was applied)");
                }
            }

            return () => (JToken)new JArray(results.Select(render => render()));
        });
    }
}
