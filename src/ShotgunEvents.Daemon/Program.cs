namespace ShotgunEvents.Daemon;

/// <summary>The <c>shotgun-events</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code: 0 success, 1 runtime failure, 2 usage or config error.</returns>
    public static int Main(string[] args)
    {
        _ = args;
        return 0;
    }
}
