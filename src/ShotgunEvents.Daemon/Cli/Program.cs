using CommandLine;
using CommandLine.Text;
using NLog;
using NLog.Config;
using ShotgunEvents.Daemon.Cli;
using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon;

/// <summary>The <c>shotgun-events</c> command.</summary>
public static class Program
{
    private static readonly Type[] Verbs =
    [
        typeof(RunOptions), typeof(CheckOptions), typeof(StatusOptions), typeof(ReplayOptions), typeof(EmulatorVerbOptions),
        typeof(NewPluginOptions), typeof(MigrateStateOptions), typeof(DumpSchemaOptions), typeof(InitOptions),
        typeof(EditorSupportOptions), typeof(ReloadOptions), typeof(HealthcheckOptions),
        typeof(ReshardOptions),
    ];

    /// <summary>Runs the command.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code: 0 success, 1 runtime failure, 2 usage or config error.</returns>
    public static int Main(string[] args) => MainAsync(args).GetAwaiter().GetResult();

    private static async Task<int> MainAsync(string[] args)
    {
        // Before anything else: the warm-up's thread uses the spare core while this one reads the command line and daemon.ini.
        var warmUp = StartupWarmUp.StartFor(args);
        // NLog loads the nlog.config beside the binary on the first GetLogger, before our layout renderers exist (a
        // crash when the mail alerts start first). Logging is configured from daemon.ini only; until then it goes nowhere.
        LoggingSetup.RegisterExtensions(LogManager.LogFactory);
        LogManager.Configuration = new LoggingConfiguration();
        // A plain `run` command line skips the parser (RunCommandLine says why); everything else is parsed as always.
        if (RunCommandLine.TryParse(args) is { } run)
        {
            return await RunGuardedAsync(() => RunCommand.RunAsync(run, warmUp)).ConfigureAwait(false);
        }

        if (UnknownVerb(args) is { } unknown)
        {
            // `run` is the default verb, so the parser would take a mistyped verb as `run` and start the daemon.
            Console.Error.WriteLine($"shotgun-events: unknown command '{unknown}'. Commands: {string.Join(", ", VerbNames())}; " +
                                    "'shotgun-events help' lists them.");
            return ExitCodes.Usage;
        }

        var result = Parse(args);
        if (result is NotParsed<object> notParsed)
        {
            return PrintUsage(notParsed);
        }

        return await RunGuardedAsync(() => result.MapResult(
                (RunOptions o) => RunCommand.RunAsync(o, warmUp),
                (CheckOptions o) => CheckCommand.RunAsync(o, Console.Out),
                (StatusOptions o) => StatusCommand.RunAsync(o, Console.Out),
                (ReplayOptions o) => ReplayCommand.RunAsync(o, Console.Out),
                (EmulatorVerbOptions o) => EmulatorCommand.RunAsync(o, Console.Out),
                (DumpSchemaOptions o) => DumpSchemaCommand.RunAsync(o, Console.Out),
                (NewPluginOptions o) => Task.FromResult(NewPluginCommand.Run(o.Name, NewPluginCommand.TargetDirectory(o), Console.Out)),
                (MigrateStateOptions o) => Task.FromResult(MigrateStateCommand.Run(o, Console.Out)),
                (InitOptions o) => Task.FromResult(InitCommand.Run(o, Console.Out)),
                (EditorSupportOptions o) => Task.FromResult(EditorSupportCommand.Run(o, Console.Out)),
                (ReloadOptions o) => ReloadCommand.RunAsync(o, Console.Out),
                (HealthcheckOptions o) => HealthcheckCommand.RunAsync(o, Console.Out),
                (ReshardOptions o) => Task.FromResult(ReshardCommand.Run(o, Console.Out)),
                _ => Task.FromResult(ExitCodes.Usage))).ConfigureAwait(false);
    }

    /// <summary>The command line as CommandLineParser reads it (every verb; help and version handled by the caller).</summary>
    /// <param name="args">The command line.</param>
    internal static ParserResult<object> Parse(string[] args)
    {
        using var parser = new Parser(settings =>
        {
            settings.HelpWriter = null;
            settings.CaseInsensitiveEnumValues = true;
            settings.AutoVersion = true;
            settings.AutoHelp = true;
        });
        return parser.ParseArguments(args, Verbs);
    }

    /// <summary>Runs a command, turning the errors a user can fix into a message and an exit code.</summary>
    private static async Task<int> RunGuardedAsync(Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (ConfigException ex)
        {
            foreach (var error in ex.Errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            return ExitCodes.Usage;
        }
        catch (LoggingSetupException ex)
        {
            // A broken nlog.config or a logPath that is a file: a configuration mistake, found before anything ran.
            Console.Error.WriteLine("shotgun-events: " + ex.Message);
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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file or socket the command needs (permissions, a full disk, a port in use): the message says which.
            Console.Error.WriteLine("shotgun-events: " + ex.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The first argument when it names no verb (and is no option): a typo that must not start the daemon.</summary>
    private static string? UnknownVerb(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        var known = VerbNames().Concat(["help", "version"]);
        return known.Contains(args[0], StringComparer.Ordinal) ? null : args[0];
    }

    private static IEnumerable<string> VerbNames() =>
        Verbs.Select(t => (VerbAttribute)Attribute.GetCustomAttribute(t, typeof(VerbAttribute))!)
            .SelectMany(v => new[] { v.Name }.Concat(v.Aliases ?? []));

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
