namespace ShotgunEvents.Daemon.Logging;

/// <summary>The logging configuration cannot be used: a broken nlog.config, or a log path that is not a directory.</summary>
internal sealed class LoggingSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LoggingSetupException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
