namespace ShotgunEvents.Api;

/// <summary>
/// The site refused the credentials (error code 102): a wrong script name or key, a wrong password, or an expired
/// session. The message names the script or login, never the key or password.
/// </summary>
public sealed class AuthenticationFault : ShotgunFault
{
    /// <summary>The api3 error code for a failed authentication.</summary>
    public const int Code = 102;

    /// <summary>Creates the fault.</summary>
    /// <param name="method">The api3 method.</param>
    /// <param name="message">What the site said (secrets removed).</param>
    public AuthenticationFault(string? method, string message)
        : base(method, Code, message)
    {
    }
}
