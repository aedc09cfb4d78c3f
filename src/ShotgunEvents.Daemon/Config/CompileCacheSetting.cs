namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// <c>[daemon] compile_cache</c>: off, a directory, or (the default) <c>compile-cache</c> beside the state file. One
/// type, so "off" and "not set" can never be mistaken for each other.
/// </summary>
/// <param name="Directory">The configured directory (absolute), or null for off or the default.</param>
/// <param name="Enabled">False for <c>compile_cache = off</c>.</param>
internal sealed record CompileCacheSetting(string? Directory, bool Enabled)
{
    /// <summary><c>compile_cache = off</c>: plugins are compiled at every start.</summary>
    public static CompileCacheSetting Off { get; } = new(null, false);

    /// <summary>The default: <c>compile-cache</c> beside the state file.</summary>
    public static CompileCacheSetting BesideStateFile { get; } = new(null, true);

    /// <summary>A directory of its own.</summary>
    public static CompileCacheSetting At(string directory) => new(directory, true);

    /// <summary>The cache directory for a daemon whose state file is <paramref name="stateFile"/>, or null when off.</summary>
    public string? DirectoryFor(string stateFile) =>
        !Enabled ? null : Directory ?? Path.Join(Path.GetDirectoryName(Path.GetFullPath(stateFile)), "compile-cache");
}
