using System.Text.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>read</c> (protocol §2.4–2.5): filters, return_fields (deep links too), sorts, paging with
/// <c>has_next_page</c> (and <c>entity_count</c> when <c>return_paging_info</c> asks for it), <c>return_only</c>.
/// </summary>
internal static class ReadMethod
{
    public const int MaxPageSize = 500;

    /// <summary>Runs the read under the store's read lock and writes <c>{"results": {"entities", "paging_info"}}</c> row by row.</summary>
    public static void Run(EmulatorStore store, JToken? rawParameters, Utf8JsonWriter writer) => store.Read(site =>
    {
        var parameters = Api3Params.Object(rawParameters, "read");
        var request = Parse(site, parameters);
        var result = new QueryEngine(site).Read(request);
        // Everything that can fault has run: from here on the reply is only written.
        writer.WriteStartObject();
        writer.WritePropertyName("results");
        writer.WriteStartObject();
        writer.WritePropertyName("entities");
        writer.WriteStartArray();
        foreach (var row in result.Rows)
        {
            RowWriter.Write(writer, row, request.ReturnFields, site);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("paging_info");
        writer.WriteStartObject();
        writer.WriteBoolean("has_next_page", result.HasNextPage);
        if (result.TotalCount is { } total)
        {
            writer.WriteNumber("entity_count", total);
            writer.WriteNumber("current_page", request.Page);
            writer.WriteNumber("page_count", (total + request.PageSize - 1) / request.PageSize);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        return 0;
    });

    private static ReadRequest Parse(SiteData site, JObject parameters)
    {
        var entity = Api3Params.Entity(site, parameters, "read");
        var paging = parameters["paging"] as JObject;
        var pageSize = paging?.Value<int?>("entities_per_page") ?? MaxPageSize;
        var page = paging?.Value<int?>("current_page") ?? 1;
        if (pageSize < 1 || page < 1)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API read() paging needs entities_per_page and current_page of 1 or more, got {pageSize} and {page}.");
        }

        return new ReadRequest
        {
            Entity = entity,
            Filter = new FilterParser(site.Schema, entity, "read", site.Now).Parse(parameters["filters"]),
            ReturnFields = Api3Params.ReturnFields(site, entity, parameters["return_fields"], "read"),
            Sorts = Sorts(site, entity, parameters["sorts"]),
            PageSize = Math.Min(pageSize, MaxPageSize),
            Page = page,
            ReturnOnly = parameters.Value<string?>("return_only") switch
            {
                null or "active" => ReturnOnly.Active,
                "retired" => ReturnOnly.Retired,
                var other => throw new EmulatorException(ErrorCodes.InvalidParameters, $"API read() return_only must be 'active' or 'retired', got '{other}'."),
            },
            IncludeArchivedProjects = parameters.Value<bool?>("include_archived_projects") ?? true,
            Presets = FilterPreset.Parse(site.Schema, entity, parameters["additional_filter_presets"], "read"),
            CountAll = parameters.Value<bool?>("return_paging_info") ?? false,
        };
    }

    private static List<SortKey> Sorts(SiteData site, EntitySchema entity, JToken? sorts)
    {
        var result = new List<SortKey>();
        foreach (var sort in sorts as JArray ?? [])
        {
            var name = sort.Value<string?>("field_name") ?? sort.Value<string?>("column");
            var direction = sort.Value<string?>("direction") ?? "asc";
            if (direction is not ("asc" or "desc"))
            {
                throw new EmulatorException(ErrorCodes.InvalidParameters, $"API read() sort direction must be 'asc' or 'desc', got '{direction}'.");
            }

            var path = FieldPath.Parse(site.Schema, entity, name, "read");
            // A serializable field (EventLogEntry.meta) is silently ignored as a sort key, as on a site.
            if (path.Leaf.Kind != FieldKind.Serializable)
            {
                result.Add(new SortKey(path, direction == "desc"));
            }
        }

        return result;
    }
}
