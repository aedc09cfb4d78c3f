using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>Builds the JSON record a read returns: <c>type</c>, <c>id</c> and each requested field under its literal name.</summary>
internal static class RecordRenderer
{
    public static JObject Render(IRow row, IEnumerable<FieldPath> fields, SiteData site)
    {
        var result = new JObject { ["type"] = row.Type, ["id"] = row.Id };
        foreach (var field in fields)
        {
            if (field.Text is "type" or "id")
            {
                continue;
            }

            // Values may be shared with the store; a clone keeps the stored row out of the reply's tree.
            result[field.Text] = field.ReadSingle(row, site)?.DeepClone() ?? JValue.CreateNull();
        }

        return result;
    }
}
