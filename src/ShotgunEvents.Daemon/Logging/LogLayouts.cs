using NLog.Layouts;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>The layouts of the built-in configuration; nlog.config spells the same ones out.</summary>
internal static class LogLayouts
{
    /// <summary>
    /// Upstream's file line, <c>%(asctime)s - %(name)s - %(levelname)s - %(message)s</c>, then the exception; the time
    /// carries its UTC offset (<c>2024-05-01 14:03:07,250 +02:00</c>), so lines from hosts in other zones, or from both
    /// sides of a daylight-saving change, sort and compare.
    /// </summary>
    public const string FileLine =
        @"${date:format=yyyy-MM-dd HH\:mm\:ss,fff zzz} - ${logger} - ${python-level} - ${message}${onexception:inner=${newline}${exception:format=tostring}}";

    /// <summary>The console line: short time, level, logger, message.</summary>
    public const string ConsoleLine =
        @"${date:format=HH\:mm\:ss} ${python-level:padding=-8} ${logger} - ${message}${onexception:inner=${newline}${exception:format=tostring}}";

    /// <summary>Date suffix of a rotated file: <c>shotgunEventDaemon.2024-05-01</c>, as upstream names them.</summary>
    public const string ArchiveSuffix = ".{1:yyyy-MM-dd}";

    /// <summary>The <c>plugin</c> field: the logger's plugin, else the plugin of the callback run the line was logged in.</summary>
    public const string PluginField = "${" + PluginNameLayoutRenderer.Name + ":whenEmpty=${scopeproperty:item=" + CallbackLogScope.PluginProperty + "}}";

    /// <summary>The <c>event_id</c> field: the event of the callback run the line was logged in (a number, unquoted).</summary>
    public const string EventIdField = "${scopeproperty:item=" + CallbackLogScope.EventIdProperty + "}";

    /// <summary>
    /// One JSON object per line, for log shippers: <c>time</c> (UTC, ISO-8601), <c>level</c>, <c>logger</c>,
    /// <c>plugin</c>, <c>callback</c>, <c>event_id</c>, <c>host</c> (files), <c>message</c>, <c>exception</c>, then the
    /// event's own properties. Empty fields are left out.
    /// </summary>
    public static JsonLayout JsonLine(bool withHost)
    {
        var layout = new JsonLayout { IncludeEventProperties = true };
        layout.Attributes.Add(new JsonAttribute("time", "${date:universalTime=true:format=o}"));
        layout.Attributes.Add(new JsonAttribute("level", "${" + PythonLevelLayoutRenderer.Name + "}"));
        layout.Attributes.Add(new JsonAttribute("logger", "${logger}"));
        layout.Attributes.Add(new JsonAttribute("plugin", PluginField));
        layout.Attributes.Add(new JsonAttribute("callback", "${" + CallbackNameLayoutRenderer.Name + "}"));
        layout.Attributes.Add(new JsonAttribute("event_id", EventIdField) { Encode = false });
        if (withHost)
        {
            layout.Attributes.Add(new JsonAttribute("host", "${hostname}"));
        }

        layout.Attributes.Add(new JsonAttribute("message", "${message}"));
        layout.Attributes.Add(new JsonAttribute("exception", "${exception:format=tostring}"));
        return layout;
    }
}
