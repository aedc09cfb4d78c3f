using System.Net;

namespace ShotgunEvents.Client.Transport;

/// <summary>What the retry pipeline needs to know about one HTTP answer.</summary>
internal interface IHttpAnswer : IDisposable
{
    /// <summary>The HTTP status.</summary>
    HttpStatusCode Status { get; }

    /// <summary>The wait a <c>Retry-After</c> header asked for, or null.</summary>
    TimeSpan? RetryAfter { get; }

    /// <summary>True for the statuses worth trying again: 429, 502, 503, 504.</summary>
    bool IsTransient { get; }
}
