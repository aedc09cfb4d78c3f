using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>query_display_name_cache</c> (the Python API's <c>text_search</c>): <c>{"text", "entity_types": {type:
/// {logical_operator, conditions}}, "project_ids": [...], "max_results"}</c> → <c>{"matches": [...], "terms":
/// [...]}</c>.
/// </summary>
/// <remarks>
/// <para>Documented by the Python API (docstring and <c>TestTextSearch</c>): text of fewer than three characters
/// raises; <c>terms</c> are the words of the text in lower case (<c>"abc Text Search"</c> → <c>["abc", "text",
/// "search"]</c>); a match is <c>{id, type, name, project_id, image, links, status}</c>, with <c>links</c> the
/// <c>[type, name]</c> of a Task's linked entity and <c>["", ""]</c> when there is none; each type's filters narrow
/// its matches; <c>max_results</c> caps the list.</para>
/// <para>Guesses (a site searches its own display-name cache): a row matches when its display name contains every term,
/// case-insensitive; matches come in the order of <c>entity_types</c>, then by id; with <c>project_ids</c> a row
/// must be in one of them (a Project is in itself; a row with no project is left out); without
/// <c>max_results</c> at most <see cref="DefaultLimit"/> come back; retired rows never match; the fault texts are the
/// emulator's own, error code 103, as is an empty <c>entity_types</c>.</para>
/// </remarks>
internal static class TextSearchMethod
{
    public const int MinimumLength = 3;
    public const int DefaultLimit = 500;

    private const string Method = "query_display_name_cache";

    public static JToken Run(EmulatorStore store, JToken? rawParameters) => store.Read(site =>
    {
        var parameters = Api3Params.Object(rawParameters, Method);
        var text = parameters["text"] is { Type: JTokenType.String } value
            ? ((string)value!).Trim()
            : throw Fault($"text must be a string, got {parameters["text"]?.ToString(Formatting.None) ?? "nothing"}.");
        if (text.Length < MinimumLength)
        {
            throw Fault($"text must be at least {MinimumLength} characters long, got '{text}'.");
        }

        var limit = parameters["max_results"] switch
        {
            null or { Type: JTokenType.Null } => DefaultLimit,
            { Type: JTokenType.Integer } max when (int)max >= 1 => (int)max,
            var other => throw Fault($"max_results must be an integer of 1 or more, got {other.ToString(Formatting.None)}."),
        };
        var projects = ProjectIds(parameters["project_ids"]);
        if (parameters["entity_types"] is not JObject { Count: > 0 } types)
        {
            throw Fault($"entity_types must be a dictionary of one or more entity types to filters, got {parameters["entity_types"]?.ToString(Formatting.None) ?? "nothing"}.");
        }

        var terms = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLower(CultureInfo.InvariantCulture)).ToList();
        var searches = types.Properties().Select(p =>
        {
            var entity = site.Schema.GetEntity(p.Name, Method);
            return (Entity: entity, Filter: new FilterParser(site.Schema, entity, Method, site.Now).Parse(p.Value));
        }).ToList();

        var matches = new JArray();
        var engine = new QueryEngine(site);
        foreach (var (entity, filter) in searches)
        {
            if (entity.Name == SiteData.EventLogEntryType)
            {
                continue;
            }

            foreach (var record in engine.Matches(entity, filter, ReturnOnly.Active).OfType<EntityRecord>())
            {
                if (matches.Count == limit)
                {
                    break;
                }

                var name = site.DisplayName(record);
                var projectId = ProjectId(record);
                if (name is not null && terms.All(t => name.Contains(t, StringComparison.OrdinalIgnoreCase))
                    && (projects.Count == 0 || (projectId is { } p && projects.Contains(p))))
                {
                    matches.Add(Match(site, record, name, projectId));
                }
            }
        }

        return (JToken)new JObject { ["matches"] = matches, ["terms"] = new JArray(terms) };
    });

    private static HashSet<int> ProjectIds(JToken? value) => value switch
    {
        null or { Type: JTokenType.Null } => [],
        JArray list when list.All(i => i.Type == JTokenType.Integer) => [.. list.Select(i => (int)i)],
        _ => throw Fault($"project_ids must be a list of Project ids, got {value.ToString(Formatting.None)}."),
    };

    private static int? ProjectId(EntityRecord record) =>
        record.Type == "Project" ? record.Id : (record.Stored("project") as JObject)?.Value<int?>("id");

    private static JObject Match(SiteData site, EntityRecord record, string name, int? projectId)
    {
        var linked = record.Schema.TryGetField("entity", out var link) && link.Kind == FieldKind.Entity ? record.Read("entity", site) as JObject : null;
        return new JObject
        {
            ["id"] = record.Id,
            ["type"] = record.Type,
            ["name"] = name,
            ["project_id"] = projectId,
            ["image"] = record.Schema.TryGetField("image", out var image) && image.Kind == FieldKind.Image
                ? record.Read("image", site)?.DeepClone() ?? JValue.CreateNull()
                : JValue.CreateNull(),
            ["links"] = linked is null ? new JArray(string.Empty, string.Empty) : new JArray((string?)linked["type"] ?? string.Empty, (string?)linked["name"] ?? string.Empty),
            ["status"] = record.Schema.HasField("sg_status_list") ? record.Read("sg_status_list", site)?.DeepClone() ?? JValue.CreateNull() : JValue.CreateNull(),
        };
    }

    private static EmulatorException Fault(string message) => new(ErrorCodes.InvalidParameters, $"API {Method}() {message}");
}
