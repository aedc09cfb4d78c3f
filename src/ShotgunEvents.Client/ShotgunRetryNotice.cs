namespace ShotgunEvents.Client;

/// <summary>What <see cref="ShotgunClientOptions.OnRetry"/> is told before a failed call is tried again.</summary>
/// <param name="Method">The api3 method, for example <c>read</c>.</param>
/// <param name="Attempt">The attempt that failed, 1 for the first.</param>
/// <param name="Delay">How long the client waits before the next attempt.</param>
/// <param name="Reason">What went wrong, for example <c>HTTP 503</c> or <c>timed out after 30 s</c>.</param>
public sealed record ShotgunRetryNotice(string Method, int Attempt, TimeSpan Delay, string Reason)
{
    /// <summary>The HTTP status the site answered (429, 502, 503, 504), or null when it gave none (a timeout, a broken connection).</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The wait the site's <c>Retry-After</c> header asked for, or null when it sent none.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when the site answered 429 or 5xx: it is overloaded or in trouble, not merely unreachable.</summary>
    public bool SiteUnderPressure => HttpStatus is 429 or >= 500;
}
