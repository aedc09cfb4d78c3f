namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// What a plugin must define: exactly one <c>registerCallbacks(Registrar)</c> (or <c>RegisterCallbacks</c>). Checked
/// at compile time (so <c>check</c> reports it) and again at load time (a cached plugin is not recompiled).
/// </summary>
internal static class RegisterCallbacksRule
{
    /// <summary>The diagnostic id of a violation.</summary>
    public const string DiagnosticId = "SGE0001";

    /// <summary>The accepted method names.</summary>
    public static bool IsCandidateName(string name) => name is "registerCallbacks" or "RegisterCallbacks";

    /// <summary>The problem with the candidates found, or null when there is exactly one usable method.</summary>
    /// <param name="candidateNames">The names of methods called registerCallbacks/RegisterCallbacks, whatever their signature.</param>
    /// <param name="usableCount">How many of them take exactly one Registrar.</param>
    public static string? Problem(IReadOnlyList<string> candidateNames, int usableCount) => usableCount switch
    {
        1 => null,
        0 when candidateNames.Count > 0 =>
            $"{candidateNames[0]} must take exactly one parameter, a Registrar: void registerCallbacks(Registrar reg).",
        0 => "did not find a registerCallbacks function: define void registerCallbacks(Registrar reg) (or RegisterCallbacks).",
        _ => "defines registerCallbacks more than once (or both registerCallbacks and RegisterCallbacks); keep one.",
    };
}
