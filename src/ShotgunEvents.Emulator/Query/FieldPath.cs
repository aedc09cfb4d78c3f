using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// A field as a read names it: a plain field (<c>code</c>) or a deep link through entity fields
/// (<c>entity.Shot.sg_sequence.Sequence.code</c>), checked against the schema when parsed.
/// </summary>
internal sealed class FieldPath
{
    private FieldPath(string text, FieldSchema root, IReadOnlyList<FieldHop> hops)
    {
        Text = text;
        Root = root;
        Hops = hops;
    }

    public string Text { get; }

    public FieldSchema Root { get; }

    public IReadOnlyList<FieldHop> Hops { get; }

    public FieldSchema Leaf => Hops.Count == 0 ? Root : Hops[^1].Field;

    public bool IsDeep => Hops.Count > 0;

    public static FieldPath Parse(SiteSchema schema, EntitySchema entity, string? path, string method)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() {entity.Name}: a field name is required.");
        }

        var parts = path.Split('.');
        var root = SiteSchema.GetField(entity, parts[0], method);
        if (parts.Length == 1)
        {
            return new FieldPath(path, root, []);
        }

        if (parts.Length % 2 == 0)
        {
            throw DoesNotExist(entity, path, method);
        }

        var hops = new List<FieldHop>();
        var previous = root;
        for (var i = 1; i < parts.Length; i += 2)
        {
            if (!FieldKinds.IsLink(previous.Kind) || !schema.TryGetEntity(parts[i], out var linked) || !previous.AcceptsType(linked.Name))
            {
                throw DoesNotExist(entity, path, method);
            }

            previous = SiteSchema.GetField(linked, parts[i + 1], method);
            hops.Add(new FieldHop(linked, previous));
        }

        return new FieldPath(path, root, hops);
    }

    /// <summary>The single value a return field or a sort sees; a deep link through a multi-entity field reads null.</summary>
    public JToken? ReadSingle(IRow row, SiteData site)
    {
        var value = row.Read(Root.Name, site);
        foreach (var hop in Hops)
        {
            if (value is not JObject link || (string?)link["type"] != hop.Entity.Name
                || site.FindLive(hop.Entity.Name, (int)link["id"]!) is not { } record)
            {
                return null;
            }

            value = record.Read(hop.Field.Name, site);
        }

        return value;
    }

    /// <summary>Every value a filter sees: a deep link through multi-entity fields can reach several rows.</summary>
    public void ReadAll(IRow row, SiteData site, List<JToken?> values)
    {
        values.Clear();
        var frontier = new List<JToken?> { row.Read(Root.Name, site) };
        foreach (var hop in Hops)
        {
            var next = new List<JToken?>();
            foreach (var link in frontier.SelectMany(Links))
            {
                if ((string?)link["type"] == hop.Entity.Name && site.FindLive(hop.Entity.Name, (int)link["id"]!) is { } record)
                {
                    next.Add(record.Read(hop.Field.Name, site));
                }
            }

            frontier = next;
        }

        values.AddRange(frontier);
    }

    private static IEnumerable<JObject> Links(JToken? value) => value switch
    {
        JObject link => [link],
        JArray array => array.OfType<JObject>(),
        _ => [],
    };

    private static EmulatorException DoesNotExist(EntitySchema entity, string path, string method) =>
        new(ErrorCodes.InvalidParameters, $"API {method}() {entity.Name}.{path} doesn't exist.");
}
