using CommandLine;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>healthcheck</c>: ask the running daemon's HTTP listener whether it is alive (a container's HEALTHCHECK).</summary>
[Verb("healthcheck", HelpText = "Ask the running daemon's [http] listener for /healthz (or /readyz); exit 0 when it answers 200. For container health checks.")]
internal sealed class HealthcheckOptions : ConfigOptions
{
    /// <summary>Ask /readyz instead of /healthz.</summary>
    [Option("ready", HelpText = "Ask /readyz (plugins loaded and the site polled) instead of /healthz (the process answers).")]
    public bool Ready { get; set; }

    /// <summary>The listener's address when the config cannot tell it (port 0).</summary>
    [Option("url", HelpText = "The listener's base address (default: from [http] listen; 0.0.0.0 is asked on 127.0.0.1).")]
    public string? Url { get; set; }

    /// <summary>Seconds to wait for the answer.</summary>
    [Option("timeout", Default = 5, HelpText = "Seconds to wait for the answer.")]
    public int TimeoutSeconds { get; set; } = 5;
}
