using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;
using ShotgunEvents.Emulator.Query.Summaries;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>api3 <c>summarize</c>: <c>{"type", "filters", "summaries": [{field, type, value?}], "grouping": [{field, type, direction}]}</c>.</summary>
internal static class SummarizeMethod
{
    public static JToken Run(EmulatorStore store, JToken? rawParameters) => store.Read(site =>
    {
        var parameters = Api3Params.Object(rawParameters, "summarize");
        var entity = Api3Params.Entity(site, parameters, "summarize");
        var filter = new FilterParser(site.Schema, entity, "summarize", site.Now).Parse(parameters["filters"]);
        var summaries = (parameters["summaries"] as JArray ?? []).Select(s => Summary(site.Schema, entity, s)).ToList();
        var grouping = (parameters["grouping"] as JArray ?? []).Select(g => Grouping(site.Schema, entity, g)).ToList();
        var rows = new QueryEngine(site).Matches(entity, filter, ReturnOnly.Active, parameters.Value<bool?>("include_archived_projects") ?? true).ToList();
        return (JToken)new Summarizer(site).Summarize(rows, summaries, grouping);
    });

    private static SummarySpec Summary(SiteSchema schema, EntitySchema entity, JToken summary)
    {
        var name = summary.Value<string?>("type");
        var type = SummaryTypes.Find(name) ?? throw new EmulatorException(ErrorCodes.InvalidParameters,
            $"API summarize() summary type '{name}' is not valid. Valid types: {string.Join(", ", SummaryTypes.Names)}.");
        var path = FieldPath.Parse(schema, entity, summary.Value<string?>("field"), "summarize");
        return type.Fits(path.Leaf.Kind)
            ? new SummarySpec(path, type, summary["value"])
            : throw Misfit("summary", type.Name, entity, path, SummaryTypes.NamesFor(path.Leaf.Kind));
    }

    private static GroupingSpec Grouping(SiteSchema schema, EntitySchema entity, JToken grouping)
    {
        // The list wording is a real site's REST answer to a bogus grouping type ("type must be one of: ...");
        // the api3 wording around it is not known.
        var name = grouping.Value<string?>("type") ?? "exact";
        var type = GroupingTypes.Find(name) ?? throw new EmulatorException(ErrorCodes.InvalidParameters,
            $"API summarize() grouping type '{name}' is not valid: type must be one of: {string.Join(", ", GroupingTypes.Names)}.");
        var direction = grouping.Value<string?>("direction") ?? "asc";
        if (direction is not ("asc" or "desc"))
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API summarize() grouping direction '{direction}' is not valid: direction must be one of: asc, desc.");
        }

        var path = FieldPath.Parse(schema, entity, grouping.Value<string?>("field"), "summarize");
        return type.Fits(path.Leaf.Kind)
            ? new GroupingSpec(path, type, direction == "desc")
            : throw Misfit("grouping", type.Name, entity, path, GroupingTypes.NamesFor(path.Leaf.Kind));
    }

    /// <summary>
    /// A summary or grouping type the field's data type does not offer, e.g. <c>sum</c> on a text field. How a real
    /// site words (or whether it rejects rather than ignores) this is not known: no recording of it was found.
    /// </summary>
    private static EmulatorException Misfit(string what, string type, EntitySchema entity, FieldPath path, IEnumerable<string> valid) =>
        new(ErrorCodes.InvalidParameters,
            $"API summarize() {what} type '{type}' cannot be used on {entity.Name}.{path.Text}, a {FieldKinds.Name(path.Leaf.Kind)} field. "
            + $"Valid {what} types for {FieldKinds.Name(path.Leaf.Kind)}: {string.Join(", ", valid)}.");
}
