namespace ShotgunEvents.Daemon;

/// <summary>The command's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure (the site, a plugin, the state file at run time).</summary>
    public const int Failure = 1;

    /// <summary>A usage or configuration error, reported before anything started.</summary>
    public const int Usage = 2;
}
