namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// One problem found in a config file, printed as <c>daemon.ini [section] key: reason</c> (or
/// <c>daemon.ini line 12: reason</c> when the line belongs to no key). Never carries a secret value.
/// </summary>
/// <param name="File">The config file's name as the user knows it (e.g. <c>daemon.ini</c>).</param>
/// <param name="Section">The section, as written, when the problem belongs to one.</param>
/// <param name="Key">The key, as written in the file (or its documented spelling when missing).</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Message">What is wrong, and how to fix it where that is not obvious.</param>
internal sealed record ConfigDiagnostic(string File, string? Section, string? Key, int? Line, string Message)
{
    /// <summary>The one-line form shown to the user.</summary>
    public override string ToString() =>
        (Section, Key, Line) switch
        {
            ({ } s, { } k, _) => $"{File} [{s}] {k}: {Message}",
            ({ } s, null, _) => $"{File} [{s}]: {Message}",
            (null, _, { } l) => $"{File} line {l}: {Message}",
            _ => $"{File}: {Message}",
        };
}
