using CommandLine;
using CommandLine.Text;
using ShotgunEvents.Daemon.Cli;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon;

/// <summary>The <c>shotgun-events</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code: 0 success, 1 runtime failure, 2 usage or config error.</returns>
    public static int Main(string[] args) => MainAsync(args).GetAwaiter().GetResult();

    private static async Task<int> MainAsync(string[] args)
    {
        using var parser = new Parser(settings =>
        {
            settings.HelpWriter = null;
            settings.CaseInsensitiveEnumValues = true;
            settings.AutoVersion = true;
            settings.AutoHelp = true;
        });
        var result = parser.ParseArguments<RunOptions, CheckOptions, StatusOptions, ReplayOptions, EmulatorVerbOptions,
            NewPluginOptions, MigrateStateOptions>(args);
        if (result is NotParsed<object> notParsed)
        {
            return PrintUsage(notParsed);
        }

        try
        {
            return await result.MapResult(
                (RunOptions o) => RunCommand.RunAsync(o),
                (CheckOptions o) => CheckCommand.RunAsync(o, Console.Out),
                (StatusOptions o) => StatusCommand.RunAsync(o, Console.Out),
                (ReplayOptions o) => ReplayCommand.RunAsync(o, Console.Out),
                (EmulatorVerbOptions o) => EmulatorCommand.RunAsync(o, Console.Out),
                (NewPluginOptions o) => Task.FromResult(NewPluginCommand.Run(o.Name, NewPluginCommand.TargetDirectory(o), Console.Out)),
                (MigrateStateOptions o) => Task.FromResult(MigrateStateCommand.Run(o, Console.Out)),
                _ => Task.FromResult(ExitCodes.Usage)).ConfigureAwait(false);
        }
        catch (ConfigException ex)
        {
            foreach (var error in ex.Errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            return ExitCodes.Usage;
        }
        catch (UserErrorException ex)
        {
            Console.Error.WriteLine("shotgun-events: " + ex.Message);
            return ex.ExitCode;
        }
        catch (StateFileException ex)
        {
            Console.Error.WriteLine("shotgun-events: " + ex.Message);
            return ExitCodes.Failure;
        }
    }

    private static int PrintUsage(NotParsed<object> notParsed)
    {
        var errors = notParsed.Errors.ToArray();
        var help = HelpText.AutoBuild(notParsed, h => HelpText.DefaultParsingErrorsHandler(notParsed, h), e => e, verbsIndex: true);
        if (errors.IsHelp() || errors.IsVersion())
        {
            Console.Out.WriteLine(errors.IsVersion() ? HeadingInfo.Default.ToString() : help.ToString());
            return ExitCodes.Ok;
        }

        Console.Error.WriteLine(help.ToString());
        return ExitCodes.Usage;
    }
}
