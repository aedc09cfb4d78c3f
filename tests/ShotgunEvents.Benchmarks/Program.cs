using NLog;
using NLog.Config;
using NLog.Targets;
using ShotgunEvents.Benchmarks.Harness;

namespace ShotgunEvents.Benchmarks;

/// <summary>
/// The performance harness: <c>dotnet run -c Release --project tests/ShotgunEvents.Benchmarks -- [--scenario NAME|all] [--quick]</c>.
/// Prints one JSON object per scenario on stdout and nothing else; progress (<c>--verbose</c>) and errors go to stderr.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        ResultWriter.Capture();
        BenchmarkArguments arguments;
        try
        {
            arguments = BenchmarkArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        Progress.Verbose = arguments.Verbose;
        if (arguments.DaemonDirectory is { } daemon)
        {
            DaemonProcess.Directory = daemon;
        }

        QuietLogging(arguments.Verbose);
        CallbackSink.Install();

        var groups = ScenarioGroup.For(arguments.Scenarios);
        var ok = true;
        if (arguments.Child || groups.Count == 1)
        {
            foreach (var group in groups)
            {
                ok &= await ScenarioSuite.RunHereAsync(group, arguments).ConfigureAwait(false);
            }
        }
        else
        {
            foreach (var stage in ScenarioGroup.Stages(groups, Sizes.For(arguments.Quick).OverlapIdleGroups))
            {
                var results = await Task.WhenAll(stage.Select(g => ScenarioSuite.RunInChildAsync(g, arguments))).ConfigureAwait(false);
                ok &= results.All(r => r);
            }
        }

        LogManager.Shutdown();
        return ok ? 0 : 1;
    }

    /// <summary>The daemon's loggers write nothing but errors (warnings too with --verbose), and only to stderr.</summary>
    private static void QuietLogging(bool verbose)
    {
        var config = new LoggingConfiguration();
        var stderr = new ConsoleTarget("stderr") { StdErr = true, Layout = "[daemon] ${level:uppercase=true} ${logger}: ${message}${onexception:: ${exception}}" };
        config.AddRule(verbose ? LogLevel.Warn : LogLevel.Error, LogLevel.Fatal, stderr);
        LogManager.Configuration = config;
    }
}
