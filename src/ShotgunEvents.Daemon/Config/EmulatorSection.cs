namespace ShotgunEvents.Daemon.Config;

/// <summary><c>[emulator]</c>: the embedded site's settings, read when <c>[shotgun] server = embedded</c>.</summary>
internal sealed record EmulatorSection
{
    /// <summary>
    /// <c>schema</c>: the absolute path of a schema file for the embedded site (a <c>dump-schema</c> file, a saved
    /// <c>schema_read</c>, mockgun's <c>schema.pickle</c> or the compact format), or null for a fresh site's schema
    /// with the demo studio. A site started from its own schema starts empty.
    /// </summary>
    public string? SchemaPath { get; init; }
}
