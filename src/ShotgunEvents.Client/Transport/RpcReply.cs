using System.Net;
using System.Text;
using Microsoft.IO;

namespace ShotgunEvents.Client.Transport;

/// <summary>
/// One HTTP answer, read in full inside the attempt so the per-attempt timeout covers the body too. The body lives in
/// pooled memory (<see cref="ReplyBuffers"/>) until the reply is disposed; the retry strategy disposes the answers it
/// throws away.
/// </summary>
internal sealed class RpcReply : IHttpAnswer
{
    private readonly RecyclableMemoryStream _body;

    /// <summary>Takes ownership of <paramref name="body"/>.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="contentType">The media type, for example <c>application/json</c>; null when absent.</param>
    /// <param name="body">The body bytes (UTF-8); parsed straight from them, decoded to text only for error messages.</param>
    /// <param name="retryAfter">The wait a <c>Retry-After</c> header asked for, or null.</param>
    /// <param name="etag">The <c>ETag</c> header (a storage PUT's answer), or null.</param>
    public RpcReply(HttpStatusCode status, string? contentType, RecyclableMemoryStream body, TimeSpan? retryAfter, string? etag = null)
    {
        Status = status;
        ContentType = contentType;
        RetryAfter = retryAfter;
        ETag = etag;
        _body = body;
    }

    /// <summary>The <c>ETag</c> header, when the answer had one.</summary>
    public string? ETag { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The media type; null when absent.</summary>
    public string? ContentType { get; }

    /// <summary>The wait a <c>Retry-After</c> header asked for, or null.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The body's length in bytes.</summary>
    public long Length => _body.Length;

    /// <summary>True for the statuses worth trying again: 429, 502, 503, 504.</summary>
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>A reader over the body from its first byte; each call starts again (one reader at a time).</summary>
    public TextReader OpenText()
    {
        _body.Position = 0;
        return new StreamReader(_body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
    }

    /// <summary>The body's first <paramref name="maxBytes"/> bytes as text, for error messages.</summary>
    public string Head(int maxBytes)
    {
        var bytes = new byte[(int)Math.Min(_body.Length, maxBytes)];
        _body.Position = 0;
        _body.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Returns the body's memory to the pool.</summary>
    public void Dispose() => _body.Dispose();
}
