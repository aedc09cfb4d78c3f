using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticFiles;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Api3;
using ShotgunEvents.Emulator.Files;
using ShotgunEvents.Emulator.Writes;

namespace ShotgunEvents.Emulator.Hosting;

/// <summary>
/// The file side of a site, as the Python API's <c>upload</c>, <c>upload_thumbnail</c>, <c>share_thumbnail</c> and
/// <c>download_attachment</c> use it. The two-step (storage) protocol: <c>POST /upload/api_get_upload_link_info</c> →
/// <c>PUT</c> the bytes to the returned URL (multi-part: <c>api_get_upload_link_for_part</c>,
/// <c>api_complete_multipart_upload</c>) → <c>POST /upload/api_link_file</c>. The one-request form uploads
/// <c>/upload/upload_file</c> and <c>/upload/publish_thumbnail</c> are served too. Form answers are text:
/// <c>1:&lt;attachment id&gt;</c> or <c>1\n...</c> on success, <c>0\n&lt;message&gt;</c> on failure. Downloads:
/// <c>GET /file_serve/attachment/&lt;id&gt;</c> with the <c>_session_id</c> cookie (or from this machine), thumbnail URLs under
/// <c>/files/&lt;random key&gt;/&lt;name&gt;</c>, and the placeholder a thumbnail reads as while it is processed.
/// </summary>
internal sealed class UploadEndpoints(EmulatorStore store, AttachmentStorage storage)
{
    private const string StoragePrefix = "/upload/storage/";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    // The placeholder a site shows while a thumbnail is processed: a 16x16 grey PNG.
    private static readonly byte[] PendingThumbnail = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFElEQVR42mPoIBEwjGoY1TB8NQAA56CYEGf4as8AAAAASUVORK5CYII=");

    private static readonly string[] AuthKeys =
        ["script_name", "script_key", "user_login", "user_password", "auth_token", "session_token", "reject_if_expired", "sudo_as_login", "session_uuid"];

    public static bool Handles(string path) =>
        path == FileUrls.PendingThumbnailPath
        || path.StartsWith("/upload/", StringComparison.Ordinal)
        || path.StartsWith(FileUrls.AttachmentServePrefix, StringComparison.Ordinal)
        || path.StartsWith(FileUrls.FilesPrefix, StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        // Kestrel's 30 MB body cap would refuse a 20 MB-plus single PUT or form upload that a site takes.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        try
        {
            if (HttpMethods.IsPut(method) && path.StartsWith(StoragePrefix, StringComparison.Ordinal))
            {
                await PutAsync(context, path[StoragePrefix.Length..]).ConfigureAwait(false);
                return;
            }

            if (HttpMethods.IsGet(method) && path.StartsWith(FileUrls.AttachmentServePrefix, StringComparison.Ordinal))
            {
                await ServeAttachmentAsync(context, path[FileUrls.AttachmentServePrefix.Length..]).ConfigureAwait(false);
                return;
            }

            if (HttpMethods.IsGet(method) && path == FileUrls.PendingThumbnailPath)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "image/png";
                context.Response.ContentLength = PendingThumbnail.Length;
                await context.Response.Body.WriteAsync(PendingThumbnail, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (HttpMethods.IsGet(method) && path.StartsWith(FileUrls.FilesPrefix, StringComparison.Ordinal))
            {
                await ServeFileAsync(context, path[FileUrls.FilesPrefix.Length..]).ConfigureAwait(false);
                return;
            }

            if (!HttpMethods.IsPost(method) || !context.Request.HasFormContentType)
            {
                await TextAsync(context, StatusCodes.Status404NotFound, $"No route for {method} {path}.").ConfigureAwait(false);
                return;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var actor = store.Read(site => AuthResolver.Resolve(site, AuthDict(form)));
            var answer = path switch
            {
                "/upload/api_get_upload_link_info" => LinkInfo(context, form),
                "/upload/api_get_upload_link_for_part" => PartLink(context, form),
                "/upload/api_complete_multipart_upload" => storage.Complete(Required(form, "upload_id")) ? "1\n" : "0\nNo parts were uploaded for this upload_id.",
                "/upload/api_link_file" => LinkFile(form, actor),
                "/upload/upload_file" => await FormUploadAsync(form, actor, "file", thumbnail: false, context.RequestAborted).ConfigureAwait(false),
                "/upload/publish_thumbnail" => await FormUploadAsync(form, actor, "thumb_image", thumbnail: true, context.RequestAborted).ConfigureAwait(false),
                "/upload/share_thumbnail" => Share(form, actor),
                _ => null,
            };
            await (answer is null
                ? TextAsync(context, StatusCodes.Status404NotFound, $"No route for {method} {path}.")
                : TextAsync(context, StatusCodes.Status200OK, answer)).ConfigureAwait(false);
        }
        catch (EmulatorException ex)
        {
            await TextAsync(context, StatusCodes.Status200OK, "0\n" + ex.Message).ConfigureAwait(false);
        }
    }

    private static JObject AuthDict(IFormCollection form)
    {
        var auth = new JObject();
        foreach (var key in AuthKeys)
        {
            if (form.TryGetValue(key, out var value) && value.Count > 0)
            {
                auth[key] = value[0];
            }
        }

        return auth;
    }

    private static string Required(IFormCollection form, string key) =>
        form.TryGetValue(key, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0])
            ? value[0]!
            : throw new EmulatorException(ErrorCodes.InvalidParameters, $"The upload request needs '{key}'.");

    private static string? Optional(IFormCollection form, string key) =>
        form.TryGetValue(key, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]) && value[0] != "None" ? value[0] : null;

    // Python's form encoder sends booleans as "True"/"False" and share_thumbnail's flag as 1.
    private static bool Flag(IFormCollection form, string key) => Optional(form, key) is "True" or "true" or "1";

    private static int EntityId(IFormCollection form, string key = "entity_id") =>
        int.TryParse(Required(form, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new EmulatorException(ErrorCodes.InvalidParameters, $"The upload request's '{key}' must be an integer id.");

    private static string BaseOf(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/";

    private string LinkInfo(HttpContext context, IFormCollection form)
    {
        var uploadType = Required(form, "upload_type");
        if (uploadType is not ("Thumbnail" or "Attachment"))
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, $"upload_type must be 'Thumbnail' or 'Attachment', got '{uploadType}'.");
        }

        var id = storage.Begin(Required(form, "filename"), uploadType);
        var timestamp = store.Site.Now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return $"1\n{BaseOf(context)}{StoragePrefix.TrimStart('/')}{id}\n{timestamp}\n{uploadType}\n{id}\n";
    }

    private string PartLink(HttpContext context, IFormCollection form)
    {
        var id = Required(form, "upload_id");
        if (!storage.IsPending(id) || !int.TryParse(Required(form, "part_number"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var part) || part < 1)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters, "Unknown upload_id, or a part_number that is not a positive integer.");
        }

        return $"1\n{BaseOf(context)}{StoragePrefix.TrimStart('/')}{id}/part/{part}\n";
    }

    private async Task PutAsync(HttpContext context, string rest)
    {
        var parts = rest.Split('/');
        int? part = parts is [_, "part", var number] && int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
        var etag = parts.Length == 1 || part is not null
            ? await storage.WriteAsync(parts[0], part, context.Request.Body, context.RequestAborted).ConfigureAwait(false)
            : null;
        if (etag is null)
        {
            await TextAsync(context, StatusCodes.Status404NotFound, "No upload in progress at this URL.").ConfigureAwait(false);
            return;
        }

        context.Response.Headers.ETag = etag;
        await TextAsync(context, StatusCodes.Status200OK, "").ConfigureAwait(false);
    }

    private string LinkFile(IFormCollection form, Actor actor)
    {
        // upload_link_info is the whole answer of api_get_upload_link_info sent back: "1\n<url>\n<timestamp>\n<type>\n<upload id>".
        var info = Required(form, "upload_link_info").Split('\n');
        var file = (info.Length > 4 ? storage.Take(info[4].Trim()) : null)
            ?? throw new EmulatorException(ErrorCodes.InvalidParameters, "upload_link_info names no finished upload: get a link, PUT the file, then link it.");
        return "1:" + Link(form, actor, file, thumbnail: info[3].Trim() == "Thumbnail").ToString(CultureInfo.InvariantCulture) + "\n";
    }

    private async Task<string> FormUploadAsync(IFormCollection form, Actor actor, string fileKey, bool thumbnail, CancellationToken cancellationToken)
    {
        var upload = form.Files.GetFile(fileKey)
            ?? throw new EmulatorException(ErrorCodes.InvalidParameters, $"The upload request needs the file in the form part '{fileKey}'.");
        StoredFile file;
        await using (var content = upload.OpenReadStream())
        {
            file = await storage.StoreAsync(upload.FileName, content, cancellationToken).ConfigureAwait(false);
        }

        return "1:" + Link(form, actor, file, thumbnail).ToString(CultureInfo.InvariantCulture) + "\n";
    }

    private int Link(IFormCollection form, Actor actor, StoredFile file, bool thumbnail)
    {
        var contentType = ContentTypes.TryGetContentType(file.FileName, out var type) ? type : "application/octet-stream";
        return AttachmentLinker.Link(store, actor, new UploadRequest(
            Required(form, "entity_type"), EntityId(form), file, contentType, Optional(form, "field_name"), Optional(form, "display_name"),
            Optional(form, "tag_list"), thumbnail, thumbnail && Flag(form, "filmstrip")));
    }

    private string Share(IFormCollection form, Actor actor)
    {
        var entities = Required(form, "entities").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseEntity).ToList();
        var (id, pending) = AttachmentLinker.Share(store, actor, entities, ParseEntity(Required(form, "source_entity")), Flag(form, "filmstrip_thumbnail"));
        return (id, pending) switch
        {
            ({ } attachment, _) => "1:" + attachment.ToString(CultureInfo.InvariantCulture) + "\n",
            // Status 2 is the Python API's ShotgunThumbnailNotReady; the text is a site's (the Python API's tests quote it).
            (_, true) => "2\nsource_entity image is a transient thumbnail that cannot be shared. Try again later, when the final thumbnail is available\n",
            _ => "0\nThe source entity has no thumbnail to share.",
        };
    }

    /// <summary><c>Version_123</c> (type names may hold underscores; the id follows the last one).</summary>
    private static (string Type, int Id) ParseEntity(string text)
    {
        var split = text.LastIndexOf('_');
        return split > 0 && int.TryParse(text.AsSpan(split + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? (text[..split], id)
            : throw new EmulatorException(ErrorCodes.InvalidParameters, $"'{text}' is not an entity as Type_id.");
    }

    private async Task ServeAttachmentAsync(HttpContext context, string rest)
    {
        // The Python API sends its session as a cookie whose domain is the site's host:port, which a cookie jar never
        // matches when the site has a port, as the emulator always does: callers on this machine are trusted instead.
        var token = context.Request.Cookies["_session_id"];
        var session = token is not null && store.Read(site => site.Credentials.TryGetSession(token, out var user) && site.FindLive(user.Type, user.Id) is not null);
        if (!session && !LoopbackGuard.IsLoopback(context.Connection.RemoteIpAddress))
        {
            await TextAsync(context, StatusCodes.Status403Forbidden, "Downloading an attachment needs a valid session (_session_id cookie).").ConfigureAwait(false);
            return;
        }

        var file = int.TryParse(rest, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? store.Read(site => FileUrls.File(site, id)) : null;
        if (file is not { } found || storage.Find(found.Key, found.FileName) is not { } path)
        {
            // A site answers 400 for an attachment id that does not exist (the Python API says so in its error).
            await TextAsync(context, StatusCodes.Status400BadRequest, $"Attachment {rest} does not exist or has no uploaded file.").ConfigureAwait(false);
            return;
        }

        await SendFileAsync(context, path, found.ContentType, found.FileName).ConfigureAwait(false);
    }

    private async Task ServeFileAsync(HttpContext context, string rest)
    {
        var parts = rest.Split('/', 2);
        var path = parts.Length == 2 ? storage.Find(parts[0], Uri.UnescapeDataString(parts[1])) : null;
        if (path is null)
        {
            await TextAsync(context, StatusCodes.Status404NotFound, "No such file.").ConfigureAwait(false);
            return;
        }

        var name = Path.GetFileName(path);
        await SendFileAsync(context, path, ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream", name).ConfigureAwait(false);
    }

    private static async Task SendFileAsync(HttpContext context, string path, string contentType, string fileName)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = new FileInfo(path).Length;
        context.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName, Inline = true }.ToString();
        await context.Response.SendFileAsync(path, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task TextAsync(HttpContext context, int status, string text) =>
        JsonResponses.WriteTextAsync(context, status, "text/plain; charset=utf-8", text);
}
