using System.Text;
using NLog;
using NLog.LayoutRenderers;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// <c>${plugin-name}</c>: the plugin of a <c>plugin.&lt;name&gt;[.&lt;callback&gt;]</c> logger, empty for other
/// loggers. It names the per-plugin file, so a callback's lines land in its plugin's file.
/// </summary>
[LayoutRenderer(Name)]
internal sealed class PluginNameLayoutRenderer : LayoutRenderer
{
    /// <summary>The name used in nlog.config.</summary>
    public const string Name = "plugin-name";

    /// <inheritdoc />
    protected override void Append(StringBuilder builder, LogEventInfo logEvent) =>
        builder.Append(LoggerNames.PluginNameOf(logEvent.LoggerName));
}
