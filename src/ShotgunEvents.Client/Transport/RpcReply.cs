using System.Net;

namespace ShotgunEvents.Client.Transport;

/// <summary>One HTTP answer, read in full inside the attempt so the per-attempt timeout covers the body too.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="ContentType">The media type, for example <c>application/json</c>; null when absent.</param>
/// <param name="Body">The body bytes (UTF-8); parsed straight from bytes, decoded to text only for error messages.</param>
/// <param name="RetryAfter">The wait a <c>Retry-After</c> header asked for, or null.</param>
internal sealed record RpcReply(HttpStatusCode Status, string? ContentType, byte[] Body, TimeSpan? RetryAfter)
{
    /// <summary>True for the statuses worth trying again: 429, 502, 503, 504.</summary>
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
