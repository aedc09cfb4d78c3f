using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>api3 <c>summarize</c>: <c>{"type", "filters", "summaries": [{field, type}], "grouping": [{field, type, direction}]}</c>.</summary>
internal static class SummarizeMethod
{
    public static JToken Run(EmulatorStore store, JToken? rawParameters) => store.Read(site =>
    {
        var parameters = Api3Params.Object(rawParameters, "summarize");
        var entity = Api3Params.Entity(site, parameters, "summarize");
        var filter = new FilterParser(site.Schema, entity, "summarize", site.Now).Parse(parameters["filters"]);
        var summaries = (parameters["summaries"] as JArray ?? []).Select(s =>
        {
            var type = s.Value<string?>("type");
            return Summarizer.SummaryTypes.Contains(type)
                ? new SummarySpec(FieldPath.Parse(site.Schema, entity, s.Value<string?>("field"), "summarize"), type!, s["value"])
                : throw new EmulatorException(ErrorCodes.InvalidParameters,
                    $"API summarize() summary type '{type}' is not valid. Valid types: {string.Join(", ", Summarizer.SummaryTypes)}.");
        }).ToList();
        var grouping = (parameters["grouping"] as JArray ?? []).Select(g =>
        {
            var type = g.Value<string?>("type") ?? "exact";
            var direction = g.Value<string?>("direction") ?? "asc";
            return Summarizer.GroupingTypes.Contains(type) && direction is "asc" or "desc"
                ? new GroupingSpec(FieldPath.Parse(site.Schema, entity, g.Value<string?>("field"), "summarize"), type, direction == "desc")
                : throw new EmulatorException(ErrorCodes.InvalidParameters,
                    $"API summarize() grouping {g.ToString(Formatting.None)} is not valid. Valid types: {string.Join(", ", Summarizer.GroupingTypes)}; direction asc or desc.");
        }).ToList();
        var rows = new QueryEngine(site).Matches(entity, filter, ReturnOnly.Active, parameters.Value<bool?>("include_archived_projects") ?? true).ToList();
        return (JToken)new Summarizer(site).Summarize(rows, summaries, grouping);
    });
}
