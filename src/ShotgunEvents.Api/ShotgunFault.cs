namespace ShotgunEvents.Api;

/// <summary>
/// The site answered the call with an error (<c>{"exception": true, "message", "error_code"}</c>): a bad field, an
/// unknown entity, a permission problem... Retrying the same call will not help, so it is never retried.
/// </summary>
public class ShotgunFault : ShotgunError
{
    /// <summary>Creates the fault.</summary>
    /// <param name="method">The api3 method.</param>
    /// <param name="errorCode">The site's <c>error_code</c>; 0 when it sent none.</param>
    /// <param name="message">The site's message, as it sent it (secrets removed).</param>
    public ShotgunFault(string? method, int errorCode, string message)
        : base(method, message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The site's <c>error_code</c> (102 authentication, 104 permission, ...); 0 when it sent none.</summary>
    public int ErrorCode { get; }
}
