namespace ShotgunEvents.Api;

/// <summary>
/// The site (or something in front of it) answered outside the protocol: an HTTP error status, or a body that is not
/// the JSON envelope. Statuses 429, 502, 503 and 504 have been retried before this is raised.
/// </summary>
public sealed class ProtocolError : ShotgunError
{
    /// <summary>Creates the error.</summary>
    /// <param name="method">The api3 method.</param>
    /// <param name="statusCode">The HTTP status, or null when the status was fine but the body was not.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ProtocolError(string? method, int? statusCode, string message, Exception? innerException = null)
        : base(method, message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status code, or null when the status was fine but the body was malformed.</summary>
    public int? StatusCode { get; }
}
