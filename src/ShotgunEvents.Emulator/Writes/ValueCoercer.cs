using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Writes;

/// <summary>
/// Checks a value sent for a field against the field's data type and returns it in stored form: a parentless token,
/// dates normalised to the wire format, links reduced to <c>{type, id}</c>. Bad values get the site's kind of fault.
/// </summary>
internal static class ValueCoercer
{
    public static JToken Coerce(SiteData site, FieldSchema field, JToken? value, string method)
    {
        if (value is null || value.Type == JTokenType.Null)
        {
            return field.EmptyValue();
        }

        if (field.UnknownDataType is not null)
        {
            return value.DeepClone();
        }

        return field.Kind switch
        {
            FieldKind.Text or FieldKind.Uuid or FieldKind.Password or FieldKind.SystemTaskType => String(field, value, method),
            FieldKind.Color => Color(field, value, method),
            FieldKind.Footage => Footage(field, value, method),
            FieldKind.Number or FieldKind.Duration or FieldKind.Timecode => Integer(field, value, method),
            FieldKind.Float or FieldKind.Percent or FieldKind.Currency => Float(field, value, method),
            FieldKind.Checkbox => value.Type == JTokenType.Boolean ? new JValue((bool)value) : throw Invalid(field, value, method, "a boolean"),
            FieldKind.Date => Date(field, value, method),
            FieldKind.DateTime => DateTime(field, value, method),
            FieldKind.StatusList or FieldKind.List => ListValue(field, value, method),
            FieldKind.EntityType => EntityTypeName(site, field, value, method),
            FieldKind.Entity => Link(site, field, value, method),
            FieldKind.MultiEntity => Links(site, field, value, method),
            FieldKind.TagList => Tags(field, value, method),
            FieldKind.Url => Url(field, value, method),
            FieldKind.Serializable => value.Type is JTokenType.Object or JTokenType.Array ? value.DeepClone() : throw Invalid(field, value, method, "a dictionary"),
            _ => value.DeepClone(),
        };
    }

    /// <summary>A link value: <c>{"type", "id"}</c> of a live row of an allowed type.</summary>
    public static JObject Link(SiteData site, FieldSchema field, JToken value, string method)
    {
        if (value is not JObject obj || obj["type"]?.Type != JTokenType.String || obj["id"]?.Type != JTokenType.Integer)
        {
            throw Invalid(field, value, method, "an entity hash with \"type\" and \"id\"");
        }

        var type = (string)obj["type"]!;
        var id = (int)obj["id"]!;
        if (!field.AcceptsType(type))
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() {field.EntityType}.{field.Name}: entity type '{type}' is not a valid type for this field. Valid types: {string.Join(", ", field.ValidTypes ?? [])}.");
        }

        if (site.FindLive(type, id) is null)
        {
            throw new EmulatorException(ErrorCodes.NotFoundOrDenied,
                $"API {method}() {field.EntityType}.{field.Name}: Entity of type [{type}] with id={id} does not exist.");
        }

        return new JObject { ["type"] = type, ["id"] = id };
    }

    private static JValue String(FieldSchema field, JToken value, string method) =>
        value.Type == JTokenType.String ? new JValue((string?)value) : throw Invalid(field, value, method, "a string");

    // The Python API documents a color as "R,G,B" or "pipeline_step", but a site stores any text: the live suite sets
    // a Task's color to "Black" and filters on it.
    private static JValue Color(FieldSchema field, JToken value, string method) => String(field, value, method);

    // Footage is feet and frames, "F-ff" (16 frames to the foot of 35 mm film).
    private static JValue Footage(FieldSchema field, JToken value, string method)
    {
        var text = (string?)String(field, value, method) ?? string.Empty;
        var parts = text.Split('-');
        var valid = parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
        return valid ? new JValue(text) : throw Invalid(field, value, method, "footage as \"FEET-FRAMES\" (e.g. \"12-08\")");
    }

    /// <summary>
    /// A url field holds an attachment dict: a web link <c>{"url", "name"}</c>, a local file <c>{"local_path", "name"}</c>,
    /// or an uploaded <c>{"type": "Attachment", "id"}</c>. Web and local links are stored as the site reads them back,
    /// with <c>link_type</c>, <c>name</c> and <c>content_type</c> filled in.
    /// </summary>
    private static JToken Url(FieldSchema field, JToken value, string method)
    {
        if (value.Type == JTokenType.String)
        {
            return new JObject { ["url"] = value.DeepClone(), ["name"] = value.DeepClone(), ["content_type"] = null, ["link_type"] = "web" };
        }

        if (value is not JObject link)
        {
            throw Invalid(field, value, method, "an attachment dict ({\"url\": ..., \"name\": ...} or {\"local_path\": ...})");
        }

        var result = (JObject)link.DeepClone();
        if (link["url"]?.Type == JTokenType.String)
        {
            result["link_type"] = "web";
            result["name"] ??= link["url"]!.DeepClone();
        }
        else if (link["local_path"]?.Type == JTokenType.String)
        {
            result["link_type"] = "local";
            result["name"] ??= Path.GetFileName(((string)link["local_path"]!).Replace('\\', '/'));
        }
        else if ((string?)link["link_type"] == "upload")
        {
            // An uploaded file as the site itself records it (the upload endpoints write this on the Attachment).
        }
        else if (!((string?)link["type"] == "Attachment" && link["id"]?.Type == JTokenType.Integer))
        {
            throw Invalid(field, value, method, "an attachment dict with \"url\" (a web link) or \"local_path\" (a local file)");
        }

        result["content_type"] ??= JValue.CreateNull();
        return result;
    }

    private static JValue Integer(FieldSchema field, JToken value, string method) => value.Type switch
    {
        JTokenType.Integer => new JValue((long)value),
        JTokenType.Float when Math.Abs((double)value % 1) == 0 => new JValue((long)(double)value),
        _ => throw Invalid(field, value, method, "an integer"),
    };

    private static JValue Float(FieldSchema field, JToken value, string method) =>
        value.Type is JTokenType.Integer or JTokenType.Float ? new JValue((double)value) : throw Invalid(field, value, method, "a number");

    private static JValue Date(FieldSchema field, JToken value, string method) =>
        value.Type == JTokenType.String && WireDates.TryParseDate((string?)value, out var date)
            ? new JValue(WireDates.FormatDate(date))
            : throw Invalid(field, value, method, "a date as YYYY-MM-DD");

    private static JValue DateTime(FieldSchema field, JToken value, string method) =>
        value.Type == JTokenType.String && WireDates.TryParseDateTime((string?)value, out var time)
            ? new JValue(WireDates.Format(time))
            : throw Invalid(field, value, method, "a date-time as YYYY-MM-DDTHH:MM:SSZ");

    private static JValue ListValue(FieldSchema field, JToken value, string method)
    {
        var text = String(field, value, method);
        if (field.ValidValues is { } valid && !valid.Contains((string)text!, StringComparer.Ordinal))
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() {field.EntityType}.{field.Name}: '{(string?)text}' is not a valid value. Valid values: {string.Join(", ", valid)}.");
        }

        return text;
    }

    private static JValue EntityTypeName(SiteData site, FieldSchema field, JToken value, string method)
    {
        var text = String(field, value, method);
        return site.Schema.TryGetEntity((string)text!, out _)
            ? text
            : throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() {field.EntityType}.{field.Name}: '{(string?)text}' is not an entity type.");
    }

    private static JArray Links(SiteData site, FieldSchema field, JToken value, string method)
    {
        if (value is not JArray array)
        {
            throw Invalid(field, value, method, "a list of entity hashes");
        }

        var result = new JArray();
        var seen = new HashSet<EntityKey>();
        foreach (var item in array)
        {
            var link = Link(site, field, item, method);
            if (seen.Add(new EntityKey((string)link["type"]!, (int)link["id"]!)))
            {
                result.Add(link);
            }
        }

        return result;
    }

    private static JArray Tags(FieldSchema field, JToken value, string method) =>
        value is JArray array && array.All(t => t.Type == JTokenType.String)
            ? new JArray(array.Select(t => (string?)t).Distinct(StringComparer.Ordinal))
            : throw Invalid(field, value, method, "a list of strings");

    private static EmulatorException Invalid(FieldSchema field, JToken value, string method, string expected)
    {
        // A password or key is never echoed back, not even in a fault.
        var shown = field.Kind == FieldKind.Password ? "(hidden)" : value.ToString(Formatting.None);
        return new EmulatorException(ErrorCodes.InvalidParameters,
            $"API {method}() {field.EntityType}.{field.Name} expects {expected} ({field.DataTypeName} field), got {shown}.");
    }
}
