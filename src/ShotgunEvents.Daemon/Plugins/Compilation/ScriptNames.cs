using System.Text;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>The names a plugin's compiled code carries, so stack frames read <c>Plugin_notify.OnEvent</c>.</summary>
internal static class ScriptNames
{
    /// <summary>The script class: <c>Plugin_&lt;name&gt;</c>.</summary>
    public static string ClassName(string pluginName) => "Plugin_" + Sanitize(pluginName);

    /// <summary>The assembly name: <c>ShotgunEvents.Plugin.&lt;name&gt;</c>.</summary>
    public static string AssemblyName(string pluginName) => "ShotgunEvents.Plugin." + Sanitize(pluginName);

    /// <summary>A name with every character that is not a letter, digit or underscore replaced by an underscore.</summary>
    public static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return text.Length == 0 ? "_" : text.ToString();
    }
}
