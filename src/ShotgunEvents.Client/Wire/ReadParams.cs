using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Client.Wire;

/// <summary>The parameters of an api3 <c>read</c> (protocol §2.4), before paging is decided.</summary>
internal static class ReadParams
{
    public static JObject Build(string entityType, Filter? filters, IEnumerable<string>? fields, FindOptions options, int entitiesPerPage)
    {
        var returnFields = fields?.ToArray() is { Length: > 0 } given ? given : ["id"];
        var read = new JObject
        {
            ["type"] = entityType,
            ["return_fields"] = new JArray(returnFields),
            ["filters"] = (filters ?? Filter.All()).ToWire(),
            ["return_only"] = options.RetiredOnly ? "retired" : "active",
            ["paging"] = new JObject { ["entities_per_page"] = entitiesPerPage, ["current_page"] = 1 },
        };
        if (options.Order.Count > 0)
        {
            read["sorts"] = new JArray(options.Order.Select(o => new JObject
            {
                ["field_name"] = o.Field,
                ["direction"] = o.Descending ? "desc" : "asc",
            }));
        }

        if (!options.IncludeArchivedProjects)
        {
            read["include_archived_projects"] = false;
        }

        if (options.AdditionalFilterPresets.Count > 0)
        {
            read["additional_filter_presets"] = new JArray(options.AdditionalFilterPresets.Select(preset =>
                new JObject(preset.Select(p => new JProperty(p.Key, WireValue.From(p.Value))))));
        }

        read["api_return_image_urls"] = true;
        return read;
    }

    public static void Validate(string entityType, FindOptions options)
    {
        if (string.IsNullOrWhiteSpace(entityType))
        {
            throw new ArgumentException("The entity type is empty.", nameof(entityType));
        }

        if (options.Limit < 0)
        {
            throw new ArgumentException($"FindOptions.Limit must be 0 (no limit) or more; got {options.Limit}.", nameof(options));
        }

        if (options.Page < 0)
        {
            throw new ArgumentException($"FindOptions.Page must be 0 (every page) or a page number from 1; got {options.Page}.", nameof(options));
        }

        if (options.AdditionalFilterPresets.Any(p => p is null || !p.ContainsKey("preset_name")))
        {
            throw new ArgumentException("FindOptions.AdditionalFilterPresets: every preset needs a \"preset_name\".", nameof(options));
        }

        if (options.Order.Any(o => o is null || string.IsNullOrWhiteSpace(o.Field)))
        {
            throw new ArgumentException("FindOptions.Order has an empty sort key.", nameof(options));
        }
    }
}
