using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using NLog;
using NLog.Config;
using NLog.Filters;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// The filter that keeps a configuration's own rules away from the loggers of plugins with a level of their own
/// (their copies of the rules, made by <see cref="PluginLogLevels"/>, handle them). One per configuration; its set of
/// plugin logger names is replaced whole under the configuration's rule lock and read lock-free by logging threads.
/// </summary>
internal sealed class PluginLevelExclusion : Filter
{
    private static readonly ConditionalWeakTable<LoggingConfiguration, PluginLevelExclusion> PerConfiguration = [];

    private ImmutableHashSet<string> _plugins = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The filter of a configuration, made on first use.</summary>
    public static PluginLevelExclusion For(LoggingConfiguration config) => PerConfiguration.GetValue(config, _ => new PluginLevelExclusion());

    /// <summary>Starts excluding a plugin's loggers.</summary>
    public void Add(string pluginLoggerName) => Volatile.Write(ref _plugins, _plugins.Add(pluginLoggerName));

    /// <summary>Stops excluding a plugin's loggers; false when they were not excluded.</summary>
    public bool Remove(string pluginLoggerName)
    {
        var current = _plugins;
        Volatile.Write(ref _plugins, current.Remove(pluginLoggerName));
        return current.Contains(pluginLoggerName);
    }

    /// <summary>Puts the filter first on <paramref name="rule"/>, once.</summary>
    public void AttachTo(LoggingRule rule)
    {
        if (rule.Filters.Contains(this))
        {
            return;
        }

        if (rule.Filters.Count == 0)
        {
            // Since NLog 5 a rule's default filter action is Ignore: with no filter of its own, the rule logged
            // everything its levels let through, and must go on doing so.
            rule.FilterDefaultAction = FilterResult.Neutral;
        }

        rule.Filters.Insert(0, this);
    }

    /// <inheritdoc />
    protected override FilterResult Check(LogEventInfo logEvent)
    {
        var plugins = Volatile.Read(ref _plugins);
        if (plugins.IsEmpty || logEvent.LoggerName is not { } name)
        {
            return FilterResult.Neutral;
        }

        // plugin.<name> or plugin.<name>.<callback>: the plugin's logger is the part before the second dot.
        var second = name.IndexOf('.', name.IndexOf('.', StringComparison.Ordinal) + 1);
        var plugin = second < 0 ? name : name[..second];
        return plugins.Contains(plugin) ? FilterResult.Ignore : FilterResult.Neutral;
    }
}
