using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>api3 <c>schema_read</c>, <c>schema_entity_read</c> and <c>schema_field_read</c> (a project argument is accepted and ignored: one schema for all).</summary>
internal static class SchemaMethods
{
    public static JToken SchemaRead(EmulatorStore store) => store.Site.Schema.ToSchemaReadJson();

    public static JToken SchemaEntityRead(EmulatorStore store) => store.Site.Schema.ToSchemaEntityReadJson();

    public static JToken SchemaFieldRead(EmulatorStore store, JToken? rawParameters)
    {
        var parameters = Api3Params.Object(rawParameters, "schema_field_read");
        var entity = Api3Params.Entity(store.Site, parameters, "schema_field_read");
        var result = new JObject();
        if (parameters.Value<string?>("field_name") is { } name)
        {
            result[name] = SiteSchema.GetField(entity, name, "schema_field_read").ToSchemaJson();
            return result;
        }

        foreach (var field in entity.Fields)
        {
            result[field.Name] = field.ToSchemaJson();
        }

        return result;
    }
}
