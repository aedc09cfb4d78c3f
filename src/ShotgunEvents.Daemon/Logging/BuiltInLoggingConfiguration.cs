using NLog;
using NLog.Config;
using NLog.Targets;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// The in-code twin of the shipped nlog.config, used when that file is missing: the same targets, file names,
/// layouts and rules, so a deployment that lost the file logs exactly as one that has it.
/// </summary>
internal static class BuiltInLoggingConfiguration
{
    /// <summary>Builds the configuration for <paramref name="variables"/>.</summary>
    public static LoggingConfiguration Create(LoggingVariables variables, LogFactory factory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var config = new LoggingConfiguration(factory);

        var console = new ColoredConsoleTarget("console")
        {
            Layout = LogLayouts.ConsoleLine,
            UseDefaultRowHighlightingRules = true,
            DetectConsoleAvailable = true,
        };
        var consoleJson = new ConsoleTarget("consoleJson") { Layout = LogLayouts.JsonLine(withHost: false) };
        var engineFile = File("engineFile", variables, variables.LogFile);
        var pluginFile = File("pluginFile", variables, "plugin.${" + PluginNameLayoutRenderer.Name + "}.log");
        pluginFile.OpenFileCacheSize = 64;
        var timingFile = File("timingFile", variables, variables.LogFile + ".timing");
        var jsonFile = File("jsonFile", variables, variables.LogFile + ".jsonl");
        jsonFile.Layout = LogLayouts.JsonLine(withHost: true);

        foreach (var target in new Target[] { console, consoleJson, engineFile, pluginFile, timingFile, jsonFile })
        {
            config.AddTarget(target);
        }

        // Same order and meaning as the <rules> of nlog.config.
        AddRule(config, LoggerNames.Timing, variables.TimingLevel, timingFile);
        var swallowTiming = new LoggingRule { LoggerNamePattern = LoggerNames.Timing, Final = true };
        swallowTiming.SetLoggingLevels(LogLevel.Trace, LogLevel.Fatal);
        config.LoggingRules.Add(swallowTiming);
        AddRule(config, "*", variables.ConsoleLevel, console);
        AddRule(config, "*", variables.ConsoleJsonLevel, consoleJson);
        AddRule(config, "*", variables.JsonLevel, jsonFile);
        AddRule(config, LoggerNames.PluginPrefix + "*", variables.PluginFileLevel, pluginFile).Final = true;
        AddRule(config, "*", variables.MinLevel, engineFile);
        return config;
    }

    private static DatedFileTarget File(string name, LoggingVariables variables, string fileName) =>
        new(name)
        {
            FileName = Path.Combine(variables.LogDir, fileName),
            Layout = LogLayouts.FileLine,
            KeepFiles = variables.KeepFiles,
        };

    private static LoggingRule AddRule(LoggingConfiguration config, string pattern, LogLevel minLevel, Target target)
    {
        var rule = new LoggingRule { LoggerNamePattern = pattern };
        if (minLevel != LogLevel.Off)
        {
            rule.SetLoggingLevels(minLevel, LogLevel.Fatal);
        }

        rule.Targets.Add(target);
        config.LoggingRules.Add(rule);
        return rule;
    }
}
