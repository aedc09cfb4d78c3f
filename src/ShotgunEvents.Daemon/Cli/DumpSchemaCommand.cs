using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Emulator.Schema;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>dump-schema</c>: reads <c>schema_read</c> and <c>schema_entity_read</c> from the site in <c>[shotgun]</c> with the
/// engine's script user and writes <c>{"format", "version", "site", "schema", "entities"}</c>, the file
/// <c>emulator --schema</c> reads. A studio captures its site once and develops offline against exactly its fields.
/// </summary>
internal static class DumpSchemaCommand
{
    public static async Task<int> RunAsync(DumpSchemaOptions options, TextWriter output)
    {
        var settings = SettingsLoader.Load(options.Config);
        if (settings.Shotgun.IsEmbedded)
        {
            throw new UserErrorException("dump-schema: [shotgun] server = embedded; point server at your site (https://...) to capture its schema.");
        }

        using var pool = new ShotgunConnectionPool(new ShotgunClientOptions
        {
            Site = settings.Shotgun.Url!.ToString(),
            Timeout = settings.Shotgun.Timeout,
            MaxRetries = settings.Shotgun.MaxRetries,
            Proxy = settings.Shotgun.ProxyServer,
        });
        using var client = pool.Connect(ShotgunCredentials.Script(settings.Shotgun.ScriptName ?? string.Empty, settings.Shotgun.ScriptKey ?? string.Empty));
        JObject schema;
        JObject entities;
        try
        {
            schema = await client.SchemaReadAsync().ConfigureAwait(false);
            entities = await client.SchemaEntityReadAsync().ConfigureAwait(false);
        }
        catch (ShotgunError ex)
        {
            throw new UserErrorException($"dump-schema: {settings.Shotgun.Url}: {ex.Message}", ExitCodes.Failure);
        }

        var file = new JObject
        {
            ["format"] = SchemaLoader.SiteSchemaFormat,
            ["version"] = 1,
            ["site"] = settings.Shotgun.Url!.GetLeftPart(UriPartial.Authority),
            ["schema"] = schema,
            ["entities"] = entities,
        };
        var path = Path.GetFullPath(options.Output);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, file.ToString(Formatting.Indented)).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        var fields = schema.Properties().Sum(p => (p.Value as JObject)?.Count ?? 0);
        output.WriteLine($"Wrote {path}: {schema.Count} entity types, {fields} fields. Serve it with: shotgun-events emulator --schema {options.Output}");
        return ExitCodes.Ok;
    }
}
