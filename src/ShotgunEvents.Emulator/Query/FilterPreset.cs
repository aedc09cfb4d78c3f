using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// One of <c>additional_filter_presets</c> (sites from 7.0), applied to the rows the filters matched: the presets the
/// Python API documents per entity type.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Version</c> / <c>PublishedFile</c> <c>LATEST</c>, <c>latest_by: ENTITIES_CREATED_AT</c>: per linked
/// <c>entity</c>, the row created last (ties: the higher id).</item>
/// <item><c>Version</c> <c>LATEST</c>, <c>BY_PIPELINE_STEP_NUMBER_AND_ENTITIES_CREATED_AT</c>: per entity, the row whose
/// <c>sg_task.Task.step.Step.list_order</c> is highest, then the latest of those.</item>
/// <item><c>PublishedFile</c> <c>LATEST</c>, <c>VERSION_NUMBER</c>: per entity, the highest <c>version_number</c>.</item>
/// <item><c>Cut</c> <c>LATEST</c>, <c>REVISION_NUMBER</c>: the cuts with the highest <c>revision_number</c>.</item>
/// <item><c>Version</c> <c>CUT_SHOT_VERSIONS</c>, <c>cut_id</c>: Versions of the Shots the Cut's CutItems name.</item>
/// </list>
/// The docs describe each over "the Versions dealt with", so the emulator applies them to the filtered rows. Rows
/// without an entity form one group, and a Version without a task or step ranks below every step; both are guesses.
/// Error texts are the emulator's own: no site answer was recorded.
/// </remarks>
internal sealed class FilterPreset
{
    private readonly Func<IReadOnlyList<IRow>, SiteData, IEnumerable<IRow>> _apply;

    private FilterPreset(Func<IReadOnlyList<IRow>, SiteData, IEnumerable<IRow>> apply) => _apply = apply;

    public static IReadOnlyList<FilterPreset> Parse(SiteSchema schema, EntitySchema entity, JToken? presets, string method)
    {
        if (presets is null || presets.Type == JTokenType.Null)
        {
            return [];
        }

        if (presets is not JArray list)
        {
            throw Fault(method, $"additional_filter_presets must be a list of hashes, got {presets.ToString(Formatting.None)}.");
        }

        return [.. list.Select(item => One(schema, entity, item, method))];
    }

    public IEnumerable<IRow> Apply(IReadOnlyList<IRow> rows, SiteData site) => _apply(rows, site);

    private static FilterPreset One(SiteSchema schema, EntitySchema entity, JToken item, string method)
    {
        if (item is not JObject preset || preset["preset_name"]?.Type != JTokenType.String)
        {
            throw Fault(method, $"additional_filter_presets: each preset must be a hash with a 'preset_name', got {item.ToString(Formatting.None)}.");
        }

        var name = (string)preset["preset_name"]!;
        switch ((entity.Name, name))
        {
            case ("Version" or "PublishedFile", "LATEST"):
                var latestBy = Param(preset, "latest_by", method);
                return (entity.Name, latestBy) switch
                {
                    (_, "ENTITIES_CREATED_AT") => Latest(entity, method, (row, site) => [Created(row, site)]),
                    ("Version", "BY_PIPELINE_STEP_NUMBER_AND_ENTITIES_CREATED_AT") =>
                        Latest(entity, method, (row, site) => [StepOrder(row, site), Created(row, site)], "sg_task"),
                    ("PublishedFile", "VERSION_NUMBER") => Latest(entity, method, (row, site) => [Number(row.Read("version_number", site))], "version_number"),
                    _ => throw Fault(method, $"additional_filter_presets: LATEST on {entity.Name} takes latest_by "
                        + (entity.Name == "Version" ? "'ENTITIES_CREATED_AT' or 'BY_PIPELINE_STEP_NUMBER_AND_ENTITIES_CREATED_AT'" : "'ENTITIES_CREATED_AT' or 'VERSION_NUMBER'")
                        + $", got '{latestBy}'."),
                };
            case ("Cut", "LATEST"):
                var by = Param(preset, "latest_by", method);
                if (by != "REVISION_NUMBER")
                {
                    throw Fault(method, $"additional_filter_presets: LATEST on Cut takes latest_by 'REVISION_NUMBER', got '{by}'.");
                }

                Require(entity, "revision_number", method, name);
                return new FilterPreset((rows, site) =>
                {
                    var best = rows.Select(r => Number(r.Read("revision_number", site))).DefaultIfEmpty(double.NegativeInfinity).Max();
                    return rows.Where(r => Number(r.Read("revision_number", site)) == best);
                });
            case ("Version", "CUT_SHOT_VERSIONS"):
                if (preset["cut_id"]?.Type != JTokenType.Integer)
                {
                    throw Fault(method, $"additional_filter_presets: CUT_SHOT_VERSIONS needs an integer cut_id, got {preset["cut_id"]?.ToString(Formatting.None) ?? "nothing"}.");
                }

                if (!schema.TryGetEntity("CutItem", out var cutItem))
                {
                    throw Fault(method, "additional_filter_presets: CUT_SHOT_VERSIONS needs the CutItem entity type, which this site's schema does not have.");
                }

                Require(cutItem, "cut", method, name);
                Require(cutItem, "shot", method, name);
                var cutId = (int)preset["cut_id"]!;
                return new FilterPreset((rows, site) =>
                {
                    var shots = site.Table("CutItem").Records.Values
                        .Where(i => !i.Retired && i.Stored("cut") is JObject cut && (int?)cut["id"] == cutId && i.Stored("shot") is JObject)
                        .Select(i => (int)i.Stored("shot")!["id"]!)
                        .ToHashSet();
                    return rows.Where(r => r.Read("entity", site) is JObject link && (string?)link["type"] == "Shot" && shots.Contains((int)link["id"]!));
                });
            default:
                throw Fault(method, $"additional_filter_presets: '{name}' is not a preset of {entity.Name}. "
                    + "Presets: Cut LATEST; Version CUT_SHOT_VERSIONS, LATEST; PublishedFile LATEST.");
        }
    }

    /// <summary>Keeps, per linked entity, the row with the greatest rank (compared key by key), ties to the higher id.</summary>
    private static FilterPreset Latest(EntitySchema entity, string method, Func<IRow, SiteData, double[]> rank, string? needs = null)
    {
        Require(entity, "entity", method, "LATEST");
        if (needs is not null)
        {
            Require(entity, needs, method, "LATEST");
        }

        return new FilterPreset((rows, site) => rows
            .GroupBy(r => r.Read("entity", site) is JObject link ? TypedValue.Key(link) : null)
            .Select(group => group.Select(r => (Row: r, Rank: rank(r, site)))
                .Aggregate((best, next) => Compare(next.Rank, best.Rank) is var c && (c > 0 || (c == 0 && next.Row.Id > best.Row.Id)) ? next : best)
                .Row)
            .OrderBy(r => r.Id)
            .ToList());
    }

    private static int Compare(double[] a, double[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static double Created(IRow row, SiteData site) =>
        WireDates.TryParseDateTime((string?)row.Read("created_at", site), out var at) ? at.ToUnixTimeSeconds() : double.NegativeInfinity;

    private static double StepOrder(IRow row, SiteData site)
    {
        if (row.Read("sg_task", site) is JObject task && site.FindLive("Task", (int)task["id"]!) is { } taskRecord
            && taskRecord.Read("step", site) is JObject step && site.FindLive("Step", (int)step["id"]!) is { } stepRecord)
        {
            return Number(stepRecord.Read("list_order", site));
        }

        return double.NegativeInfinity;
    }

    private static double Number(JToken? value) =>
        value?.Type is JTokenType.Integer or JTokenType.Float ? (double)value : double.NegativeInfinity;

    private static void Require(EntitySchema entity, string field, string method, string preset)
    {
        if (!entity.Fields.Any(f => f.Name == field))
        {
            throw Fault(method, $"additional_filter_presets: {preset} on {entity.Name} needs the field {entity.Name}.{field}, which this site's schema does not have.");
        }
    }

    private static string Param(JObject preset, string key, string method) =>
        preset[key]?.Type == JTokenType.String
            ? (string)preset[key]!
            : throw Fault(method, $"additional_filter_presets: {(string?)preset["preset_name"]} needs '{key}', got {preset[key]?.ToString(Formatting.None) ?? "nothing"}.");

    private static EmulatorException Fault(string method, string detail) => new(ErrorCodes.InvalidParameters, $"API {method}() {detail}");
}
