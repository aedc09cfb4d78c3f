using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Hosting;

/// <summary>Reads request JSON (dates left as strings) and writes JSON replies.</summary>
internal static class JsonResponses
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<JToken?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Utf8);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var json = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        return JToken.ReadFrom(json);
    }

    public static async Task WriteAsync(HttpContext context, JToken body, int status = StatusCodes.Status200OK)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Utf8, 16 * 1024, leaveOpen: true))
        using (var json = new JsonTextWriter(writer) { Formatting = Formatting.None })
        {
            body.WriteTo(json);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="body"/> from its first byte as a JSON answer.</summary>
    public static async Task WriteStreamAsync(HttpContext context, Stream body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        body.Position = 0;
        await body.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteTextAsync(HttpContext context, int status, string contentType, string text)
    {
        var bytes = Utf8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
