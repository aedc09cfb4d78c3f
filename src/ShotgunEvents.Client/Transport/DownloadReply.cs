using System.Net;

namespace ShotgunEvents.Client.Transport;

/// <summary>A download's answer with its body still unread, so the body can stream to its destination.</summary>
internal sealed class DownloadReply(HttpResponseMessage response) : IHttpAnswer
{
    public HttpResponseMessage Response => response;

    public HttpStatusCode Status => response.StatusCode;

    public TimeSpan? RetryAfter => response.Headers.RetryAfter?.Delta;

    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public void Dispose() => response.Dispose();
}
