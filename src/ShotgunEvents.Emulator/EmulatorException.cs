namespace ShotgunEvents.Emulator;

/// <summary>
/// A fault the emulated site answers with: over api3 it becomes <c>{"exception": true, "message", "error_code"}</c>;
/// through the C# API of <see cref="EmulatorStore"/> it is thrown as is.
/// </summary>
public sealed class EmulatorException : Exception
{
    /// <summary>Creates a fault.</summary>
    /// <param name="errorCode">The api3 error code: 102 authentication, 103 bad parameters, 104 not found or not permitted.</param>
    /// <param name="message">The site's message, for example <c>API read() Shot.foo doesn't exist.</c></param>
    public EmulatorException(int errorCode, string message)
        : base(message) => ErrorCode = errorCode;

    /// <summary>Creates a fault with error code 103.</summary>
    public EmulatorException()
        : this(ErrorCodes.InvalidParameters, "The request was invalid.")
    {
    }

    /// <summary>Creates a fault with error code 103.</summary>
    /// <param name="message">The message.</param>
    public EmulatorException(string message)
        : this(ErrorCodes.InvalidParameters, message)
    {
    }

    /// <summary>Creates a fault with error code 103 wrapping another exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EmulatorException(string message, Exception innerException)
        : base(message, innerException) => ErrorCode = ErrorCodes.InvalidParameters;

    /// <summary>The api3 error code.</summary>
    public int ErrorCode { get; }
}
