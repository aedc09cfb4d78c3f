using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Timeout;
using ShotgunEvents.Api;

namespace ShotgunEvents.Client.Transport;

/// <summary>
/// The site's file side, outside api3: the form posts of <c>/upload/*</c>, the storage PUTs of the two-step upload
/// and attachment downloads. Every request goes through the same retry-around-timeout pipeline as an api3 call (a
/// download is retried until its answer starts; the body then streams with the timeout applying to each read). Shared
/// by every connection of a pool.
/// </summary>
internal sealed class FileTransfer
{
    private const int BufferSize = 1 << 16;

    // The types a pipeline uploads most; the site stores the rest as octet-stream, as Python's mimetypes would.
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".gif"] = "image/gif",
        [".tif"] = "image/tiff", [".tiff"] = "image/tiff", [".bmp"] = "image/bmp", [".exr"] = "image/x-exr",
        [".mov"] = "video/quicktime", [".mp4"] = "video/mp4", [".pdf"] = "application/pdf", [".txt"] = "text/plain",
        [".json"] = "application/json", [".csv"] = "text/csv", [".zip"] = "application/zip",
    };

    private readonly HttpClient _http;
    private readonly Uri _siteBase;
    private readonly ResiliencePipeline<RpcReply> _small;
    private readonly ResiliencePipeline<DownloadReply> _download;
    private readonly TimeSpan _timeout;

    public FileTransfer(HttpClient http, Uri endpoint, ShotgunClientOptions options)
    {
        _http = http;
        // The endpoint is <site>/api3/json; the file paths hang off the site itself (with any path prefix it has).
        _siteBase = new Uri(endpoint, "../");
        _small = ResiliencePipelineFactory.Create<RpcReply>(options);
        _download = ResiliencePipelineFactory.Create<DownloadReply>(options);
        _timeout = options.Timeout;
    }

    /// <summary>The site's address, ending in a slash.</summary>
    public Uri SiteBase => _siteBase;

    /// <summary>The content type a file name suggests, <c>application/octet-stream</c> when none.</summary>
    public static string ContentTypeOf(string fileName) =>
        ContentTypes.TryGetValue(Path.GetExtension(fileName), out var type) ? type : "application/octet-stream";

    /// <summary>
    /// Posts a form to a site path (<c>upload/...</c>) and returns its text answer. A form with a file goes as
    /// <c>multipart/form-data</c>, one without as URL-encoded, as the Python API sends them.
    /// </summary>
    /// <param name="path">The path under the site, for example <c>upload/api_link_file</c>.</param>
    /// <param name="fields">The form fields, auth included.</param>
    /// <param name="file">A file part (form name and local path), or null.</param>
    /// <param name="scrubber">Removes the caller's secrets from any message.</param>
    /// <param name="onRetry">The connection's retry observer, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer's text.</returns>
    public async Task<string> PostFormAsync(string path, IReadOnlyList<KeyValuePair<string, string>> fields, (string Name, string Path)? file,
        SecretScrubber scrubber, Action<ShotgunRetryNotice>? onRetry, CancellationToken cancellationToken)
    {
        var url = new Uri(_siteBase, path);
        using var reply = await SendAsync(path, () =>
        {
            HttpContent content;
            if (file is { } part)
            {
                var multipart = new MultipartFormDataContent();
                foreach (var (key, value) in fields)
                {
                    multipart.Add(new StringContent(value), key);
                }

                var stream = new StreamContent(new FileStream(part.Path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true));
                stream.Headers.ContentType = new MediaTypeHeaderValue(ContentTypeOf(part.Path));
                multipart.Add(stream, part.Name, Path.GetFileName(part.Path));
                content = multipart;
            }
            else
            {
                content = new FormUrlEncodedContent(fields);
            }

            return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        }, scrubber, onRetry, cancellationToken).ConfigureAwait(false);
        return reply.Head(64 * 1024);
    }

    /// <summary>PUTs bytes (a whole file of at most one part's size, or one part) to a storage URL and returns the storage's <c>ETag</c>.</summary>
    /// <param name="url">The storage URL the site handed out.</param>
    /// <param name="data">The bytes.</param>
    /// <param name="contentType">Their content type.</param>
    /// <param name="scrubber">Removes the caller's secrets from any message.</param>
    /// <param name="onRetry">The connection's retry observer, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ETag, or an empty string when the storage sent none.</returns>
    public async Task<string> PutAsync(Uri url, ReadOnlyMemory<byte> data, string contentType, SecretScrubber scrubber, Action<ShotgunRetryNotice>? onRetry,
        CancellationToken cancellationToken)
    {
        using var reply = await SendAsync("storage upload", () =>
        {
            var content = new ReadOnlyMemoryContent(data);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            return new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
        }, scrubber, onRetry, cancellationToken).ConfigureAwait(false);
        return reply.ETag ?? string.Empty;
    }

    /// <summary>
    /// Downloads <paramref name="url"/> into <paramref name="destination"/>, with the site's session cookie when it is
    /// the site's own address.
    /// </summary>
    /// <param name="url">The download URL.</param>
    /// <param name="sessionToken">The value of the <c>_session_id</c> cookie, or null.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="scrubber">Removes the caller's secrets from any message.</param>
    /// <param name="onRetry">The connection's retry observer, or null.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public async Task DownloadAsync(Uri url, string? sessionToken, Stream destination, SecretScrubber scrubber, Action<ShotgunRetryNotice>? onRetry,
        CancellationToken cancellationToken)
    {
        const string What = "download_attachment";
        var call = new RpcCall(What, string.Empty, onRetry);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelineFactory.CallKey, call);
        DownloadReply reply;
        try
        {
            reply = await _download.ExecuteAsync(static async (ctx, state) =>
            {
                state.Call.CountAttempt();
                using var request = new HttpRequestMessage(HttpMethod.Get, state.Url);
                if (state.Token is { } token)
                {
                    request.Headers.Add("Cookie", "_session_id=" + token);
                }

                var response = await state.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken).ConfigureAwait(false);
                return new DownloadReply(response);
            }, context, (Http: _http, Url: url, Token: sessionToken, Call: call)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ShotgunConnectionError(What, call.Attempts, timedOut: true, $"{url} did not answer within {Seconds(_timeout)} s.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ShotgunConnectionError(What, call.Attempts, timedOut: false, scrubber.Scrub($"Could not download {url}: {ex.Message}"), ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (reply)
        {
            if ((int)reply.Status >= 300)
            {
                // The Python API's own hints: 400 for an attachment that does not exist (or is a local file), 403 for a
                // storage link that is no longer valid.
                var hint = reply.Status switch
                {
                    HttpStatusCode.BadRequest => " The attachment may not exist, or may be a local file.",
                    HttpStatusCode.Forbidden => " The link may have expired, or the session may not be allowed to read it.",
                    _ => string.Empty,
                };
                throw new ProtocolError(What, (int)reply.Status, scrubber.Scrub($"Failed to download {url}: HTTP {(int)reply.Status} {reply.Status}.{hint}"));
            }

            await CopyAsync(reply, destination, url, scrubber, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CopyAsync(DownloadReply reply, Stream destination, Uri url, SecretScrubber scrubber, CancellationToken cancellationToken)
    {
        var source = await reply.Response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[BufferSize];
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (true)
            {
                // Each read must make progress within the timeout; a large file may take as long as it needs.
                idle.CancelAfter(_timeout);
                int read;
                try
                {
                    read = await source.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ShotgunConnectionError("download_attachment", 1, timedOut: true,
                        $"{url} stopped sending for {Seconds(_timeout)} s.", ex);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    throw new ShotgunConnectionError("download_attachment", 1, timedOut: false,
                        scrubber.Scrub($"The download of {url} broke off: {ex.Message}"), ex);
                }

                if (read == 0)
                {
                    return;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<RpcReply> SendAsync(string what, Func<HttpRequestMessage> build, SecretScrubber scrubber, Action<ShotgunRetryNotice>? onRetry,
        CancellationToken cancellationToken)
    {
        var call = new RpcCall(what, string.Empty, onRetry);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelineFactory.CallKey, call);
        RpcReply reply;
        try
        {
            reply = await _small.ExecuteAsync(static async (ctx, state) =>
            {
                state.Call.CountAttempt();
                using var request = state.Build();
                using var response = await state.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken).ConfigureAwait(false);
                var body = ReplyBuffers.Manager.GetStream(state.Call.Method);
                try
                {
                    await response.Content.CopyToAsync(body, ctx.CancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await body.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                var retryAfter = response.Headers.RetryAfter?.Delta;
                return new RpcReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, retryAfter,
                    response.Headers.ETag?.ToString());
            }, context, (Http: _http, Build: build, Call: call)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ShotgunConnectionError(what, call.Attempts, timedOut: true, $"The site did not answer {what} within {Seconds(_timeout)} s.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ShotgunConnectionError(what, call.Attempts, timedOut: false, scrubber.Scrub($"Could not complete {what}: {ex.Message}"), ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if ((int)reply.Status >= 300)
        {
            using (reply)
            {
                throw new ProtocolError(what, (int)reply.Status, scrubber.Scrub($"{what}: HTTP {(int)reply.Status} {reply.Status}: {reply.Head(200)}"));
            }
        }

        return reply;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
