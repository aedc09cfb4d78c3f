using System.Text;
using NLog;
using NLog.LayoutRenderers;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// <c>${callback-name}</c>: the callback a line belongs to: the scope of the callback run
/// (<see cref="CallbackLogScope"/>), else the <c>&lt;callback&gt;</c> of a <c>plugin.&lt;name&gt;.&lt;callback&gt;</c>
/// logger; empty for other lines.
/// </summary>
[LayoutRenderer(Name)]
internal sealed class CallbackNameLayoutRenderer : LayoutRenderer
{
    /// <summary>The name used in nlog.config.</summary>
    public const string Name = "callback-name";

    /// <inheritdoc />
    protected override void Append(StringBuilder builder, LogEventInfo logEvent)
    {
        if (ScopeContext.TryGetProperty(CallbackLogScope.CallbackProperty, out var scoped) && scoped is string callback)
        {
            builder.Append(callback);
            return;
        }

        var logger = logEvent.LoggerName;
        if (LoggerNames.PluginNameOf(logger) is { } plugin)
        {
            var start = LoggerNames.PluginPrefix.Length + plugin.Length + 1;
            if (logger!.Length > start)
            {
                builder.Append(logger, start, logger.Length - start);
            }
        }
    }
}
