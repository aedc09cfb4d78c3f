namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// The daemon's own command lines (<c>[run|foreground] [--config FILE|-c FILE] [--shard K/N] [--dry-run] [--reset-state]</c>, each
/// option at most once) read without CommandLineParser: its reflection over every verb's options is the longest
/// single step of a warm start (120-180 ms of JIT and reflection on two cores). Anything else, help, version, a
/// repeated or unknown option, <c>--config=FILE</c>, a value starting with '-', goes to the parser as before, so no
/// command line means anything new; a test holds both readings to the same result.
/// </summary>
internal static class RunCommandLine
{
    /// <summary>The options of a plain <c>run</c> command line, or null for the parser to read it.</summary>
    /// <param name="args">The command line.</param>
    public static RunOptions? TryParse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var i = args.Length > 0 && args[0] is "run" or "foreground" ? 1 : 0;
        string? config = null;
        string? shard = null;
        bool dryRun = false, resetState = false;
        for (; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" or "-c" when config is null && i + 1 < args.Length && IsValue(args[i + 1]):
                    config = args[++i];
                    break;
                case "--shard" when shard is null && i + 1 < args.Length && IsValue(args[i + 1]):
                    shard = args[++i];
                    break;
                case "--dry-run" when !dryRun:
                    dryRun = true;
                    break;
                case "--reset-state" when !resetState:
                    resetState = true;
                    break;
                default:
                    return null;
            }
        }

        return new RunOptions { Config = config, Shard = shard, DryRun = dryRun, ResetState = resetState };
    }

    private static bool IsValue(string arg) => arg.Length > 0 && !arg.StartsWith('-');
}
