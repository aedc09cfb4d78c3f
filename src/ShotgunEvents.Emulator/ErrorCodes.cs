namespace ShotgunEvents.Emulator;

/// <summary>The api3 <c>error_code</c> values the emulator answers with.</summary>
internal static class ErrorCodes
{
    /// <summary>Bad script key or password, expired session, failed sudo.</summary>
    public const int Authentication = 102;

    /// <summary>Unknown type, field, operator or method; a value of the wrong type.</summary>
    public const int InvalidParameters = 103;

    /// <summary>A record that does not exist, or a change the site does not permit.</summary>
    public const int NotFoundOrDenied = 104;
}
