using System.Text;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// Reads <c>daemon.ini</c> into <see cref="DaemonSettings"/>. An upstream <c>shotgunEventDaemon.conf</c> loads as it is:
/// same sections, keys, meanings and defaults (upstream §2.3), with keys upstream required but had no reason to
/// (<c>pidFile</c>, <c>logMode</c>, <c>logging</c>, intervals...) now defaulted. Every problem is collected and thrown
/// at once in a <see cref="ConfigException"/>; problems that do not stop the daemon land in
/// <see cref="DaemonSettings.Warnings"/>.
/// </summary>
internal static class ConfigLoader
{
    /// <summary>The section whose keys are handed to plugins as they are.</summary>
    public const string PluginSettingsSection = "plugin_settings";

    private static readonly string[] KnownSections =
        ["daemon", "shotgun", "plugins", "emails", "emulator", "http", ShardsSectionReader.SectionName, PluginSettingsSection, "DEFAULT"];

    /// <summary>Loads <paramref name="path"/>, reading environment variables from the process.</summary>
    public static DaemonSettings Load(string path) => Load(path, Environment.GetEnvironmentVariable);

    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    /// <param name="path">The config file.</param>
    /// <param name="env">
    /// Reads one environment variable (null when unset). Only variables named by a <c>%(NAME)s</c> are asked for.
    /// </param>
    /// <exception cref="ConfigException">The file cannot be read or has errors; all of them are listed.</exception>
    public static DaemonSettings Load(string path, Func<string, string?> env)
    {
        var fullPath = Path.GetFullPath(path);
        var fileName = Path.GetFileName(fullPath);
        string text;
        try
        {
            text = File.ReadAllText(fullPath, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException([new ConfigDiagnostic(fileName, null, null, null, $"cannot read {fullPath}: {e.Message}")]);
        }

        var document = IniParser.Parse(text, fileName);
        var context = new ConfigContext(document, fileName, Path.GetDirectoryName(fullPath)!, env);
        context.Errors.AddRange(document.Errors);

        var shotgun = ShotgunSectionReader.Read(context);
        var daemon = DaemonSectionReader.Read(context);
        var shards = ShardsSectionReader.Read(context, daemon.EventIdFile, shotgun.IsEmbedded);
        var settings = new DaemonSettings
        {
            ConfigPath = fullPath,
            Daemon = shards.Shard is { } shard ? daemon with { EventIdFile = shard.StateFile(daemon.EventIdFile) } : daemon,
            Shards = shards,
            Shotgun = shotgun,
            Emulator = EmulatorSectionReader.Read(context, shotgun.IsEmbedded),
            Plugins = PluginsSectionReader.Read(context),
            Emails = EmailsSectionReader.Read(context),
            Http = HttpSectionReader.Read(context),
            PluginSettings = ReadPluginSettings(context),
        };

        WarnUnknownSections(context);
        if (context.Errors.Count > 0)
        {
            throw new ConfigException(context.Errors.OrderBy(e => e.Line ?? int.MaxValue).ToList());
        }

        return settings with { Warnings = context.Warnings.OrderBy(w => w.Line ?? int.MaxValue).ToList() };
    }

    private static Dictionary<string, string> ReadPluginSettings(ConfigContext context)
    {
        // Values may be secrets (a plugin's own key), so none is ever shown: treat every key as secret.
        var keys = context.Document.Find(PluginSettingsSection)?.Entries.Select(e => e.Key).ToArray() ?? [];
        var r = context.Section(PluginSettingsSection, keys);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            values[key] = r.Text(key) ?? "";
        }

        return values;
    }

    private static void WarnUnknownSections(ConfigContext context)
    {
        foreach (var section in context.Document.Sections.Where(s => !KnownSections.Contains(s.Name)))
        {
            var guess = Suggestions.Closest(section.Name, KnownSections);
            var hint = guess is null ? "" : $"; did you mean [{guess}]? (section names are case-sensitive)";
            context.Warnings.Add(new ConfigDiagnostic(context.FileName, section.Name, null, section.Line, "unknown section (ignored)" + hint));
        }
    }
}
