namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// The api3 methods the Python API (3.10.2, <c>shotgun_api3/shotgun.py</c>) can send that the emulator does not serve,
/// and the envelope it answers every method it lacks with. The README lists the same names
/// (section "The emulator: a local site"); a test checks each one it lists answers the envelope.
/// </summary>
/// <remarks>
/// What a real site answers for a method it does not have could not be found (no issue, page or code in the
/// references quotes it), so the text and the code are the emulator's own: error 103 (a <c>Fault</c> in the Python
/// API, a <c>ShotgunFault</c> in ours), <c>API &lt;method&gt;() is not supported by this emulated site.</c> for a
/// method a site has, and <c>Unknown API method '&lt;method&gt;'.</c> for any other name.
/// </remarks>
internal static class UnsupportedMethods
{
    /// <summary>Sent by the Python API, answered by a site, not emulated.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "schema_field_create",
        "schema_field_update",
        "schema_field_delete",
        "nav_expand",
        "nav_search",
        "custom_entity_read",
        "custom_entity_enable",
        "custom_entity_configure",
        "custom_entity_disable",
    };

    public static EmulatorException Fault(string? method) => method is not null && Names.Contains(method)
        ? new(ErrorCodes.InvalidParameters, $"API {method}() is not supported by this emulated site.")
        : new(ErrorCodes.InvalidParameters, $"Unknown API method '{method}'.");
}
