namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>The command line: <c>[--scenario NAME[,NAME...]|all] [--quick] [--verbose]</c>.</summary>
internal sealed record BenchmarkArguments
{
    public static readonly string[] AllScenarios = ["catchup", "latency", "isolation", "reload", "startup", "checkpoint", "footprint", "catchup_remote", "schema_load", "doorbell"];

    /// <summary>The scenarios to run, in the order the issue lists them.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>Smaller sizes: every scenario in under a minute together.</summary>
    public bool Quick { get; init; }

    /// <summary>Progress and daemon warnings on stderr.</summary>
    public bool Verbose { get; init; }

    /// <summary>Set on the child processes the harness starts for each scenario group (no further forking).</summary>
    public bool Child { get; init; }

    /// <summary>
    /// The directory of the daemon the process scenarios start (<c>--daemon DIR</c>, for example a ReadyToRun
    /// <c>dotnet publish</c> output); null for the build output beside the harness.
    /// </summary>
    public string? DaemonDirectory { get; init; }

    /// <exception cref="ArgumentException">An unknown switch or scenario name.</exception>
    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        var result = new BenchmarkArguments();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    result = result with { Quick = true };
                    break;
                case "--verbose":
                    result = result with { Verbose = true };
                    break;
                case "--child":
                    result = result with { Child = true };
                    break;
                case "--daemon" when i + 1 < args.Count:
                    result = result with { DaemonDirectory = DaemonDirectoryOf(args[++i]) };
                    break;
                case "--scenario" when i + 1 < args.Count:
                    result = result with { Scenarios = ParseScenarios(args[++i]) };
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--scenario NAME[,NAME...]|all] [--quick] [--verbose] [--daemon DIR]; " +
                        $"scenarios: {string.Join(", ", AllScenarios)}.");
            }
        }

        return result;
    }

    /// <summary>The switches a child process gets besides its scenarios.</summary>
    public IEnumerable<string> ChildSwitches()
    {
        if (Quick)
        {
            yield return "--quick";
        }

        if (Verbose)
        {
            yield return "--verbose";
        }

        if (DaemonDirectory is { } daemon)
        {
            yield return "--daemon";
            yield return daemon;
        }

        yield return "--child";
    }

    private static string DaemonDirectoryOf(string value)
    {
        var directory = Path.GetFullPath(value);
        return File.Exists(Path.Combine(directory, "ShotgunEvents.Daemon.dll"))
            ? directory
            : throw new ArgumentException($"--daemon {value}: no ShotgunEvents.Daemon.dll in {directory} (give a dotnet publish output directory).");
    }

    private static string[] ParseScenarios(string value)
    {
        if (value.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return AllScenarios;
        }

        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .ToArray();
        foreach (var name in names)
        {
            if (!AllScenarios.Contains(name))
            {
                throw new ArgumentException($"Unknown scenario '{name}'; known: {string.Join(", ", AllScenarios)}, all.");
            }
        }

        return [.. AllScenarios.Where(names.Contains)];
    }
}
