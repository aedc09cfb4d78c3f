namespace ShotgunEvents.Api;

/// <summary>
/// The site could not be reached, the connection broke, or it did not answer in time, on every attempt allowed.
/// </summary>
public sealed class ShotgunConnectionError : ShotgunError
{
    /// <summary>Creates the error.</summary>
    /// <param name="method">The api3 method.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="timedOut">True when the last attempt timed out rather than failed.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The last attempt's error.</param>
    public ShotgunConnectionError(string? method, int attempts, bool timedOut, string message, Exception? innerException = null)
        : base(method, message, innerException)
    {
        Attempts = attempts;
        TimedOut = timedOut;
    }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; }

    /// <summary>True when the last attempt timed out; false when the connection failed.</summary>
    public bool TimedOut { get; }
}
