using Microsoft.AspNetCore.Http;

namespace ShotgunEvents.Emulator.Hosting;

/// <summary>Routes the few paths the site serves: <c>/api3/json</c>, <c>/_emulator/*</c>, the upload and download paths and a plain page at <c>/</c>.</summary>
internal sealed class RequestRouter(Api3Endpoint api3, AdminEndpoints admin, UploadEndpoints uploads)
{
    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/api3/json")
        {
            return HttpMethods.IsPost(context.Request.Method)
                ? api3.HandleAsync(context)
                : JsonResponses.WriteTextAsync(context, StatusCodes.Status405MethodNotAllowed, "text/plain; charset=utf-8", "api3 takes POST requests.");
        }

        if (path.StartsWith(AdminEndpoints.Prefix, StringComparison.Ordinal))
        {
            return admin.HandleAsync(context);
        }

        if (UploadEndpoints.Handles(path))
        {
            return uploads.HandleAsync(context);
        }

        return path == "/"
            ? JsonResponses.WriteTextAsync(context, StatusCodes.Status200OK, "text/plain; charset=utf-8",
                "ShotgunEvents emulator: a local Shotgun site. api3 at POST /api3/json; admin at /_emulator/status.\n")
            : JsonResponses.WriteTextAsync(context, StatusCodes.Status404NotFound, "text/plain; charset=utf-8", $"No route for {path}.");
    }
}
