using System.Text;
using NLog;
using NLog.LayoutRenderers;

namespace ShotgunEvents.Daemon.Logging;

/// <summary><c>${python-level}</c>: the level as upstream wrote it (INFO, WARNING, CRITICAL).</summary>
[LayoutRenderer(Name)]
internal sealed class PythonLevelLayoutRenderer : LayoutRenderer
{
    /// <summary>The name used in nlog.config.</summary>
    public const string Name = "python-level";

    /// <inheritdoc />
    protected override void Append(StringBuilder builder, LogEventInfo logEvent) =>
        builder.Append(PythonLogLevel.NameOf(logEvent.Level));
}
