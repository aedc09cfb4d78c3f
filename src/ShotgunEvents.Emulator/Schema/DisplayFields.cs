namespace ShotgunEvents.Emulator.Schema;

/// <summary>
/// Which field names a row in a link's <c>name</c>, for a schema that does not say (a site's own schema never does).
/// The fixed entries are the site's standard types whose name field is not <c>code</c>; the rest try the usual fields.
/// </summary>
internal static class DisplayFields
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["Task"] = "content",
        ["Note"] = "subject",
        ["Reply"] = "content",
        ["Project"] = "name",
        ["HumanUser"] = "name",
        ["ApiUser"] = "{firstname} {lastname}",
        ["EventLogEntry"] = "description",
        ["Attachment"] = "filename",
        ["TimeLog"] = "description",
    };

    private static readonly string[] Usual = ["code", "name", "title", "content", "subject", "description"];

    public static string For(string typeName, IReadOnlyCollection<FieldSchema> fields)
    {
        bool Has(string name) => fields.Any(f => f.Name == name);
        if (Known.TryGetValue(typeName, out var known) && (known.StartsWith('{') ? Has("firstname") : Has(known)))
        {
            return known;
        }

        return Usual.FirstOrDefault(Has) ?? "id";
    }
}
