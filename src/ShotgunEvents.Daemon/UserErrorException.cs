namespace ShotgunEvents.Daemon;

/// <summary>A mistake of the person running the command: printed as one line on stderr, never as a stack trace.</summary>
internal sealed class UserErrorException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    /// <summary>The exit code to end with.</summary>
    public int ExitCode { get; } = exitCode;
}
