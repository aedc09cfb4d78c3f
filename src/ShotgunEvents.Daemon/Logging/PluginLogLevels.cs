using NLog;
using NLog.Config;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// A plugin's own log level (<c>reg.SetLogLevel</c>), which NLog has no notion of: its loggers
/// (<c>plugin.&lt;name&gt;</c> and <c>plugin.&lt;name&gt;.*</c>) get copies of every rule that applies to them, placed
/// just before the original, with the plugin's level where the original has the daemon's <c>[daemon] logging</c>
/// level (rules with a level of their own, such as the mail alerts' ERROR, keep it), and the originals ignore those
/// loggers. So the plugin's lines go to the same files and console, and nothing is written twice. Without a plugin
/// level the configuration is left exactly as loaded.
/// </summary>
/// <remarks>
/// Changes are made under NLog's own lock on the rule list (what <see cref="LoggingConfiguration"/> takes when it reads
/// the rules) and then pushed to the live loggers; plugin loads call it, from any thread.
/// </remarks>
internal static class PluginLogLevels
{
    /// <summary>The <see cref="LoggingRule.RuleName"/> the mail-alert rule carries: its level is never a plugin's.</summary>
    public const string AlertRuleName = "mail-alerts";

    private const string RulePrefix = "plugin-level:";

    /// <summary>Sets (or with null, removes) the level of one plugin's loggers.</summary>
    /// <param name="factory">The log factory the plugin's loggers come from.</param>
    /// <param name="pluginLoggerName">The plugin's logger name, <c>plugin.&lt;name&gt;</c>.</param>
    /// <param name="daemonLevel">The <c>[daemon] logging</c> level: rules starting at it are the ones the plugin's level replaces.</param>
    /// <param name="level">The plugin's level, or null for the daemon's.</param>
    public static void Apply(LogFactory factory, string pluginLoggerName, LogLevel daemonLevel, LogLevel? level)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var config = factory.Configuration;
        if (config is null)
        {
            return;
        }

        var ruleName = RulePrefix + pluginLoggerName;
        var changed = false;
        lock (config.LoggingRules)
        {
            for (var i = config.LoggingRules.Count - 1; i >= 0; i--)
            {
                if (config.LoggingRules[i].RuleName == ruleName)
                {
                    config.LoggingRules.RemoveAt(i);
                    changed = true;
                }
            }

            var exclusion = PluginLevelExclusion.For(config);
            if (level is null)
            {
                changed |= exclusion.Remove(pluginLoggerName);
            }
            else
            {
                exclusion.Add(pluginLoggerName);
                AddCopies(config, pluginLoggerName, ruleName, daemonLevel, level, exclusion);
                changed = true;
            }
        }

        if (changed)
        {
            factory.ReconfigExistingLoggers();
        }
    }

    private static void AddCopies(LoggingConfiguration config, string pluginLoggerName, string ruleName, LogLevel daemonLevel, LogLevel level,
        PluginLevelExclusion exclusion)
    {
        var callbackLogger = pluginLoggerName + ".callback";
        for (var i = 0; i < config.LoggingRules.Count; i++)
        {
            var rule = config.LoggingRules[i];
            if (rule.RuleName?.StartsWith(RulePrefix, StringComparison.Ordinal) == true
                || !(rule.NameMatches(pluginLoggerName) || rule.NameMatches(callbackLogger)))
            {
                continue;
            }

            exclusion.AttachTo(rule);
            var levels = IsDaemonLevelRule(rule, daemonLevel) ? Range(level) : rule.Levels;
            foreach (var pattern in new[] { pluginLoggerName, pluginLoggerName + ".*" })
            {
                var copy = new LoggingRule { RuleName = ruleName, LoggerNamePattern = pattern, Final = rule.Final, FilterDefaultAction = rule.FilterDefaultAction };
                foreach (var each in levels)
                {
                    copy.EnableLoggingForLevel(each);
                }

                foreach (var target in rule.Targets)
                {
                    copy.Targets.Add(target);
                }

                foreach (var filter in rule.Filters.Where(f => f is not PluginLevelExclusion))
                {
                    copy.Filters.Add(filter);
                }

                config.LoggingRules.Insert(i, copy);
                i++;
            }
        }
    }

    // A rule that starts at the daemon's level and runs to the top: the rule `[daemon] logging` sets.
    private static bool IsDaemonLevelRule(LoggingRule rule, LogLevel daemonLevel) =>
        rule.RuleName != AlertRuleName && rule.Levels.Count > 0
        && rule.Levels.Min() == daemonLevel && rule.Levels.Max() == LogLevel.Fatal
        && rule.Levels.Count == LogLevel.Fatal.Ordinal - daemonLevel.Ordinal + 1;

    private static IEnumerable<LogLevel> Range(LogLevel level) =>
        level == LogLevel.Off ? [] : LogLevel.AllLoggingLevels.Where(l => l >= level);
}
