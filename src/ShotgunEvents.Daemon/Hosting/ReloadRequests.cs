namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// The files of a reload asked by <c>shotgun-events reload</c> instead of SIGHUP (Windows has no signals; a container
/// or a locked-down host may not let a TD send one): a request beside the state file, which the running daemon
/// removes when it starts the reload, and an answer it writes when the reload is done.
/// </summary>
internal static class ReloadRequests
{
    /// <summary>The request file of a state file; it holds the request's id.</summary>
    public static string RequestPath(string stateFile) => stateFile + ".reload-request";

    /// <summary>The answer file: the id of the request it answers, then one line saying what was reloaded.</summary>
    public static string AnswerPath(string stateFile) => stateFile + ".reload-answer";

    /// <summary>What the daemon writes as the id when it could not read the request's (another user's file).</summary>
    public const string UnknownId = "?";
}
