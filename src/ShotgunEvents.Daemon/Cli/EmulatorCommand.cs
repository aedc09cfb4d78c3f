using System.Security.Cryptography;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Daemon.Cli;

/// <summary><c>emulator</c>: a local site for plugin development, until Ctrl-C.</summary>
internal static class EmulatorCommand
{
    public static async Task<int> RunAsync(EmulatorVerbOptions options, TextWriter output)
    {
        var scripts = options.Scripts.Select(ParseScript).ToList();
        if (scripts.Count == 0)
        {
            scripts.Add(new ScriptCredential("dev", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))));
        }

        var (seed, snapshot) = options.Seed.ToLowerInvariant() switch
        {
            "demo" => (EmulatorSeed.Demo, options.Snapshot),
            "empty" => (EmulatorSeed.Empty, options.Snapshot),
            _ when File.Exists(options.Seed) => (EmulatorSeed.Empty, options.Snapshot ?? options.Seed),
            _ => throw new UserErrorException($"--seed: '{options.Seed}' is not demo, empty or an existing snapshot file."),
        };
        if (options.Port is < 0 or > 65535)
        {
            throw new UserErrorException($"--port: {options.Port} is not a port number (0-65535).");
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = options.Port,
            Scripts = scripts,
            Seed = seed,
            SnapshotPath = snapshot,
            ActivityGenerator = options.Activity,
        }).ConfigureAwait(false);

        output.WriteLine($"Emulated site at {server.BaseUri} (api3: {server.Api3Uri})");
        foreach (var script in scripts)
        {
            // Printed on purpose: this is a throwaway local site and the developer needs the key to connect.
            output.WriteLine($"  script user: {script.Name}  key: {script.Key}");
        }

        output.WriteLine("Ctrl-C to stop.");
        output.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C.
        }

        await server.StopAsync().ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static ScriptCredential ParseScript(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            throw new UserErrorException($"--script: '{value.Split(':')[0]}:...' must be NAME:KEY.");
        }

        return new ScriptCredential(value[..colon], value[(colon + 1)..]);
    }
}
