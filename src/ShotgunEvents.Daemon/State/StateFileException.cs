namespace ShotgunEvents.Daemon.State;

/// <summary>A state file is missing a piece, corrupt, or of a foreign format; the message names the file and the way out.</summary>
internal sealed class StateFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="message">The whole message, naming the file.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public StateFileException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    /// <summary>The file concerned.</summary>
    public string Path { get; }
}
