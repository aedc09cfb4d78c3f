using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>reload [--config FILE] [--timeout S]</c>: writes a reload request beside the running daemon's state file and waits
/// for its answer (<see cref="ReloadRequestWatcher"/>): SIGHUP for Windows services, containers and anyone who cannot
/// signal the daemon's process. Exit 0 when the daemon answered, 1 when no daemon runs on that state file or none
/// answered in time.
/// </summary>
internal static class ReloadCommand
{
    public static async Task<int> RunAsync(ReloadOptions options, TextWriter output, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var settings = SettingsLoader.Load(options.Config);
        var stateFile = Path.GetFullPath(settings.Daemon.EventIdFile);
        if (RunningDaemon.On(stateFile) is not { } daemon)
        {
            throw new UserErrorException($"No daemon is running on {stateFile} (nobody holds {StateLock.PathFor(stateFile)}); " +
                                         "nothing to reload. A daemon started with this config reads every plugin at start anyway.", ExitCodes.Failure);
        }

        var pid = daemon.IsLocal ? daemon.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{daemon.Pid} on {daemon.Host}";

        var id = Guid.NewGuid().ToString("N");
        var request = ReloadRequests.RequestPath(stateFile);
        var answer = ReloadRequests.AnswerPath(stateFile);
        var temp = request + "." + id + ".tmp";
        await File.WriteAllTextAsync(temp, id + "\n").ConfigureAwait(false);
        File.Move(temp, request, overwrite: true);
        output.WriteLine($"Asked the daemon (pid {pid}) to reload every plugin; waiting for its answer...");

        var deadline = time.GetTimestamp() + (long)(options.TimeoutSeconds * (double)time.TimestampFrequency);
        while (time.GetTimestamp() < deadline)
        {
            if (ReadAnswer(answer) is { } reply && (reply.Id == id || (reply.Id == ReloadRequests.UnknownId && !File.Exists(request))))
            {
                output.WriteLine($"Reloaded: {reply.Summary}");
                return ExitCodes.Ok;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time).ConfigureAwait(false);
        }

        var taken = !File.Exists(request);
        throw new UserErrorException(taken
            ? $"The daemon (pid {pid}) took the request but did not finish the reload within {options.TimeoutSeconds} s; its log says what it is doing."
            : $"The daemon (pid {pid}) did not take the request within {options.TimeoutSeconds} s (is it still running? {request} is left for it).",
            ExitCodes.Failure);
    }

    private static (string Id, string Summary)? ReadAnswer(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length >= 2 ? (lines[0], lines[1]) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
