namespace ShotgunEvents.Daemon.Config;

/// <summary>A parsed INI file: its sections and the syntax errors found on the way.</summary>
internal sealed class IniDocument
{
    /// <summary>Creates the document.</summary>
    public IniDocument(IReadOnlyList<IniSection> sections, IReadOnlyList<ConfigDiagnostic> errors)
    {
        Sections = sections;
        Errors = errors;
    }

    /// <summary>The sections in file order.</summary>
    public IReadOnlyList<IniSection> Sections { get; }

    /// <summary>Syntax errors (lines that are not a section, a comment or a key).</summary>
    public IReadOnlyList<ConfigDiagnostic> Errors { get; }

    /// <summary>The section named exactly <paramref name="name"/> (section names are case-sensitive), or null.</summary>
    public IniSection? Find(string name) => Sections.FirstOrDefault(s => s.Name == name);
}
