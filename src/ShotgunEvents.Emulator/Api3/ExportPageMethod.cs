using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>export_page</c>: <c>{"page_id", "format", "layout_name"}</c>. A page export renders a web UI page as CSV,
/// which the emulated site has no web UI for, so it answers as a site without the feature does, after the parameter
/// checks a site makes first.
/// </summary>
/// <remarks>
/// A live site's answers, from the Python API's own tests: <c>'page_id' missing</c> and <c>'format' missing</c> for
/// an absent parameter (only those words are known; the rest of each text is the emulator's), and
/// <c>This functionality is currently not available</c> when the site cannot export. The error code is not known.
/// </remarks>
internal static class ExportPageMethod
{
    private const string Method = "export_page";

    public static JToken Run(JToken? rawParameters)
    {
        var parameters = Api3Params.Object(rawParameters, Method);
        if (parameters["page_id"] is null or { Type: JTokenType.Null })
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {Method}() 'page_id' missing.");
        }

        if (parameters["format"] is null or { Type: JTokenType.Null })
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {Method}() 'format' missing.");
        }

        throw new EmulatorException(ErrorCodes.InvalidParameters, "This functionality is currently not available");
    }
}
