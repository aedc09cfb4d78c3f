using NLog.Layouts;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>The layouts of the built-in configuration; nlog.config spells the same ones out.</summary>
internal static class LogLayouts
{
    /// <summary>Upstream's file line: <c>%(asctime)s - %(name)s - %(levelname)s - %(message)s</c>, then the exception.</summary>
    public const string FileLine =
        @"${date:format=yyyy-MM-dd HH\:mm\:ss,fff} - ${logger} - ${python-level} - ${message}${onexception:inner=${newline}${exception:format=tostring}}";

    /// <summary>The console line: short time, level, logger, message.</summary>
    public const string ConsoleLine =
        @"${date:format=HH\:mm\:ss} ${python-level:padding=-8} ${logger} - ${message}${onexception:inner=${newline}${exception:format=tostring}}";

    /// <summary>Date suffix of a rotated file: <c>shotgunEventDaemon.2024-05-01</c>, as upstream names them.</summary>
    public const string ArchiveSuffix = ".{1:yyyy-MM-dd}";

    /// <summary>One JSON object per line, for log shippers.</summary>
    public static JsonLayout JsonLine(bool withHost)
    {
        var layout = new JsonLayout { IncludeEventProperties = true };
        layout.Attributes.Add(new JsonAttribute("time", "${date:universalTime=true:format=o}"));
        layout.Attributes.Add(new JsonAttribute("level", "${" + PythonLevelLayoutRenderer.Name + "}"));
        layout.Attributes.Add(new JsonAttribute("logger", "${logger}"));
        layout.Attributes.Add(new JsonAttribute("plugin", "${" + PluginNameLayoutRenderer.Name + "}"));
        if (withHost)
        {
            layout.Attributes.Add(new JsonAttribute("host", "${hostname}"));
        }

        layout.Attributes.Add(new JsonAttribute("message", "${message}"));
        layout.Attributes.Add(new JsonAttribute("exception", "${exception:format=tostring}"));
        return layout;
    }
}
