using System.Xml;
using NLog;
using ShotgunEvents.Daemon.Hosting;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Compilation;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// The head start of <c>run</c>: from the first line of <c>Main</c>, a thread of its own (the second core is idle
/// while the main thread parses the command line and reads daemon.ini) does work the start needs later and that
/// depends on neither: NLog's XML configuration parsed into a throwaway factory and its layouts rendered once (what
/// the JIT spends most of the logging set-up on), then the compile cache key's host identity, then an empty Generic
/// Host built and disposed. Nothing it does is kept or visible: the real configuration and host are still built from
/// daemon.ini by the main thread.
/// </summary>
internal sealed class StartupWarmUp
{
    // The logging part must be over before the main thread configures NLog: two configurations parsed at once
    // would share NLog's registry of extensions, which is not documented as safe for that. It takes ~100 ms on an
    // idle core; the bound only keeps a stuck warm-up from holding up the start (then the two run side by side).
    private static readonly TimeSpan LoggingWait = TimeSpan.FromSeconds(5);

    private readonly ManualResetEventSlim _loggingDone = new();

    private StartupWarmUp()
    {
    }

    /// <summary>Starts the warm-up when the command line is <c>run</c> (the default verb), else returns null.</summary>
    /// <param name="args">The command line.</param>
    public static StartupWarmUp? StartFor(string[] args)
    {
        if (args.Length > 0 && args[0] != "run" && !args[0].StartsWith('-'))
        {
            return null;
        }

        var warmUp = new StartupWarmUp();
        // Its own thread, not the pool's: on two cores the pool starts with two workers, and the start's own pool
        // work (the site info prefetch, the plugin load) must not queue behind this.
        var thread = new Thread(warmUp.Run) { IsBackground = true, Name = "startup warm-up" };
        thread.Start();
        return warmUp;
    }

    /// <summary>Waits until the logging part is done (at most a few seconds); call before configuring NLog.</summary>
    /// <returns>Whether it is done (false: the bound passed first).</returns>
    public bool WaitForLogging() => _loggingDone.Wait(LoggingWait);

    private void Run()
    {
        try
        {
            LoggingSetup.WarmUp();
        }
        catch (Exception ex) when (ex is NLogConfigurationException or LoggingSetupException or XmlException or FormatException
                                       or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Only a head start: the real configuration reports its own problems.
        }
        finally
        {
            _loggingDone.Set();
        }

        try
        {
            _ = HostReferences.Identity;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            // The first cache lookup computes it again and reports what it finds.
        }

        try
        {
            DaemonHost.WarmUp();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The real host reports its own problems.
        }
    }
}
