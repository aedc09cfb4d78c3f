using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>dump-schema</c>: save the configured site's schema for <c>emulator --schema</c>.</summary>
[Verb("dump-schema", HelpText = "Save the configured site's schema (schema_read + schema_entity_read) to a file that 'emulator --schema' and [emulator] schema read.")]
internal sealed class DumpSchemaOptions : ConfigOptions
{
    /// <summary>The file to write.</summary>
    [Option('o', "output", Required = true, HelpText = "The schema file to write, e.g. site-schema.json.")]
    public string Output { get; set; } = "";
}
