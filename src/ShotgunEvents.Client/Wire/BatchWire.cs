using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Client.Wire;

/// <summary>Batch requests in the api3 form (protocol §2.6): a list of create/update/delete dictionaries.</summary>
internal static class BatchWire
{
    public static JArray From(IReadOnlyList<BatchRequest> requests)
    {
        var list = new JArray();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i] ?? throw new ArgumentException($"Batch request {i} is null.", nameof(requests));
            list.Add(ToWire(request));
        }

        return list;
    }

    private static JObject ToWire(BatchRequest request) => request.RequestType switch
    {
        "create" => new JObject
        {
            ["request_type"] = "create",
            ["type"] = request.EntityType,
            ["fields"] = FieldList.From(request.Data!),
            ["return_fields"] = FieldList.ReturnFields(request.ReturnFields),
        },
        "update" => new JObject
        {
            ["request_type"] = "update",
            ["type"] = request.EntityType,
            ["id"] = request.Id,
            ["fields"] = FieldList.From(request.Data!, request.MultiEntityUpdateModes),
        },
        _ => new JObject { ["request_type"] = request.RequestType, ["type"] = request.EntityType, ["id"] = request.Id },
    };
}
