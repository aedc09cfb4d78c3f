namespace ShotgunEvents.Daemon.Config;

/// <summary>Reads <c>[plugins]</c>.</summary>
internal static class PluginsSectionReader
{
    /// <summary>
    /// Reads <c>paths</c>. A path that is a file is an error; a path that does not exist is only a warning, because
    /// plugin directories on network shares come and go (upstream #30) and the plugin host keeps looking for them.
    /// </summary>
    public static PluginsSection Read(ConfigContext context)
    {
        var r = context.Section("plugins");
        var configured = r.RequiredList("paths", "missing: list the plugin directories, separated by commas (e.g. paths = scripts)");
        var paths = new List<PluginCollectionPath>();
        foreach (var entry in configured)
        {
            var full = context.ResolvePath(entry);
            if (paths.Exists(p => p.FullPath == full))
            {
                r.Warn("paths", $"'{entry}' is listed twice; its plugins are loaded once");
            }
            else if (File.Exists(full))
            {
                r.Error("paths", $"'{entry}' is a file, not a directory of plugins");
            }
            else
            {
                if (!Directory.Exists(full))
                {
                    r.Warn("paths", $"'{entry}' ({full}) does not exist yet; its plugins load when it appears");
                }

                paths.Add(new PluginCollectionPath(entry, full));
            }
        }

        r.ReportUnknownKeys();
        return new PluginsSection { Paths = paths };
    }
}
