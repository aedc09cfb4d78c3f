namespace ShotgunEvents.Api;

/// <summary>
/// Thrown by <see cref="Registrar.RequireEnv"/> and <see cref="Registrar.RequireSetting"/>: something the plugin needs
/// is not configured. The plugin is inactive, with this message as the reason, until its file changes.
/// </summary>
public sealed class PluginSettingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginSettingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing, naming the plugin.</param>
    public PluginSettingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing, naming the plugin.</param>
    /// <param name="innerException">The cause.</param>
    public PluginSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
