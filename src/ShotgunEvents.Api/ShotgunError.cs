namespace ShotgunEvents.Api;

/// <summary>
/// The base of every error a site call raises, so a plugin can catch them all in one place. The message names the
/// method and what went wrong; it never carries a script key or password.
/// </summary>
public class ShotgunError : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="method">The api3 method that failed, for example <c>read</c>; null when not tied to one call.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ShotgunError(string? method, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Method = method;
    }

    /// <summary>The api3 method that failed, for example <c>read</c> or <c>create</c>.</summary>
    public string? Method { get; }
}
