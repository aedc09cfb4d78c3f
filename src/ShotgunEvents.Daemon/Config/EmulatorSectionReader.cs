namespace ShotgunEvents.Daemon.Config;

/// <summary>Reads <c>[emulator]</c>.</summary>
internal static class EmulatorSectionReader
{
    /// <summary>Reads the section; <c>schema</c> is resolved against the config file's folder and must exist.</summary>
    public static EmulatorSection Read(ConfigContext context, bool embedded)
    {
        var r = context.Section("emulator");
        var schema = r.Text("schema");
        string? path = null;
        if (schema is not null)
        {
            path = context.ResolvePath(schema);
            if (!embedded)
            {
                r.Warn("schema", "ignored: it applies only to the embedded site ([shotgun] server = embedded)");
            }
            else if (Directory.Exists(path))
            {
                r.Error("schema", $"'{schema}' is a folder; name the schema file (site-schema.json, or schema.pickle with schema_entity.pickle beside it)");
            }
            else if (!File.Exists(path))
            {
                r.Error("schema", $"the file '{path}' does not exist (write one with: shotgun-events dump-schema --config daemon.ini -o site-schema.json)");
            }
        }

        r.ReportUnknownKeys();
        return new EmulatorSection { SchemaPath = embedded ? path : null };
    }
}
