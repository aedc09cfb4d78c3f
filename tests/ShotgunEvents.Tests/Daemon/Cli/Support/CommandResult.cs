namespace ShotgunEvents.Tests.Daemon.Cli.Support;

/// <summary>What a finished command left behind.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
