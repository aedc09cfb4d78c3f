using System.Globalization;

namespace ShotgunEvents.Daemon.Plugins;

/// <summary>One compiler error or warning for a plugin, in the compiler's usual form.</summary>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
/// <param name="Id">The compiler's code, for example <c>CS0103</c>.</param>
/// <param name="Message">The message, in English.</param>
/// <param name="FilePath">The file (the plugin or a file it loads); null when the problem has no place in a file.</param>
/// <param name="Line">The 1-based line; 0 when there is no place.</param>
/// <param name="Column">The 1-based column; 0 when there is no place.</param>
internal sealed record PluginDiagnostic(string Severity, string Id, string Message, string? FilePath, int Line, int Column)
{
    /// <summary>True for an error (the plugin does not load).</summary>
    public bool IsError => Severity == "error";

    /// <summary><c>file(line,col): error CSxxxx: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        FilePath is null
            ? $"{Severity} {Id}: {Message}"
            : Line > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{FilePath}({Line},{Column}): {Severity} {Id}: {Message}")
                : $"{FilePath}: {Severity} {Id}: {Message}";
}
