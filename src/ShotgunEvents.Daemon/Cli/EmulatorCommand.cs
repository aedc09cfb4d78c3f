using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ShotgunEvents.Emulator;
using ShotgunEvents.Emulator.Webhooks;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>emulator</c>: a local site for plugin development, until Ctrl-C or SIGTERM. <c>--seed FILE</c> starts from a
/// snapshot without ever writing to it; <c>--snapshot FILE</c> is loaded when it exists and saved on stop.
/// </summary>
internal static class EmulatorCommand
{
    public static async Task<int> RunAsync(EmulatorVerbOptions options, TextWriter output)
    {
        var scripts = options.Scripts.Select(ParseScript).ToList();
        var madeUp = scripts.Count == 0;
        if (madeUp)
        {
            scripts.Add(new ScriptCredential("dev", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new UserErrorException($"--port: {options.Port} is not a port number (0-65535).");
        }

        var seedText = options.Seed ?? (options.Schema is null ? "demo" : "empty");
        var schemaPath = options.Schema is null ? null : Path.GetFullPath(options.Schema);
        if (schemaPath is not null && !File.Exists(schemaPath))
        {
            throw new UserErrorException($"--schema: the file '{options.Schema}' does not exist.");
        }

        if (options.LatencyMs is < 0 or > 3_600_000)
        {
            throw new UserErrorException($"--latency: {options.LatencyMs} is not a number of milliseconds between 0 and 3600000.");
        }

        if (options.LatencyJitterMs is < 0 or > 3_600_000)
        {
            throw new UserErrorException($"--latency-jitter: {options.LatencyJitterMs} is not a number of milliseconds between 0 and 3600000.");
        }

        var webhooks = Webhooks(options);
        var seed = seedText.ToLowerInvariant() switch
        {
            "demo" => EmulatorSeed.Demo,
            "empty" => EmulatorSeed.Empty,
            _ when File.Exists(seedText) => EmulatorSeed.Empty,
            _ => throw new UserErrorException($"--seed: '{seedText}' is not demo, empty or an existing snapshot file."),
        };
        var seedFile = seed == EmulatorSeed.Empty && File.Exists(seedText) ? Path.GetFullPath(seedText) : null;
        var snapshot = options.Snapshot is null ? null : Path.GetFullPath(options.Snapshot);
        string? scratch = null;
        if (seedFile is not null && snapshot != seedFile)
        {
            // The emulator loads and saves one file. The seed must stay as it is, so it starts from a copy: the
            // --snapshot file (an explicit --seed wins over what it held), or a scratch file removed on exit.
            scratch = snapshot is null ? Path.Combine(Path.GetTempPath(), $"shotgun-events-emulator-{Guid.NewGuid():N}.json") : null;
            File.Copy(seedFile, snapshot ?? scratch!, overwrite: true);
        }

        using var stop = new CancellationTokenSource();
        using var signals = StopSignals(stop);
        try
        {
            await using var server = await StartAsync(new EmulatorOptions
            {
                Port = options.Port,
                Scripts = scripts,
                Seed = seed,
                SnapshotPath = snapshot ?? scratch ?? seedFile,
                SchemaPath = schemaPath,
                ActivityGenerator = options.Activity,
                Latency = TimeSpan.FromMilliseconds(options.LatencyMs),
                LatencyJitter = TimeSpan.FromMilliseconds(options.LatencyJitterMs),
                Webhooks = webhooks,
            }, options.Port).ConfigureAwait(false);

            foreach (var warning in server.SchemaWarnings)
            {
                output.WriteLine($"  schema warning: {warning}");
            }

            if (schemaPath is not null)
            {
                output.WriteLine($"  schema: {schemaPath} ({server.Store.Site.Schema.EntityTypeNames.Count} entity types)");
            }

            output.WriteLine($"Emulated site at {server.BaseUri} (api3: {server.Api3Uri})");
            foreach (var script in scripts)
            {
                // Printed on purpose: this is a throwaway local site and the developer needs the key to connect.
                output.WriteLine($"  script user: {script.Name}  key: {script.Key}{(madeUp ? "  (made up; pass --script NAME:KEY to choose)" : string.Empty)}");
            }

            if (seed == EmulatorSeed.Demo)
            {
                output.WriteLine($"  demo script: {DemoCredentials.ScriptName}  key: {DemoCredentials.ScriptKey}; people log in with password '{DemoCredentials.UserPassword}'");
            }

            if (options.LatencyMs > 0 || options.LatencyJitterMs > 0)
            {
                output.WriteLine($"  latency: {options.LatencyMs} ms per call{(options.LatencyJitterMs > 0 ? $" + up to {options.LatencyJitterMs} ms jitter" : string.Empty)}");
            }

            foreach (var webhook in webhooks)
            {
                // The secret is not printed: only whether deliveries are signed.
                output.WriteLine($"  webhook: {webhook}");
            }

            if (snapshot is not null)
            {
                output.WriteLine($"  snapshot: {snapshot} (saved on stop)");
            }

            output.WriteLine("Ctrl-C or SIGTERM to stop.");
            output.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM.
            }

            await server.StopAsync().ConfigureAwait(false);
            output.WriteLine("Stopped.");
            return ExitCodes.Ok;
        }
        finally
        {
            if (scratch is not null)
            {
                File.Delete(scratch);
            }
        }
    }

    private static async Task<EmulatorServer> StartAsync(EmulatorOptions options, int port)
    {
        try
        {
            return await EmulatorServer.StartAsync(options).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new UserErrorException($"--schema {options.SchemaPath}: {ex.Message}");
        }
        catch (EmulatorException ex) when (options.SchemaPath is not null && options.Seed == EmulatorSeed.Demo)
        {
            throw new UserErrorException($"--seed demo does not fit the schema in {options.SchemaPath} ({ex.Message}); start with --seed empty.");
        }
        catch (IOException ex)
        {
            // Kestrel reports a port in use as an IOException; the user picks another port.
            throw new UserErrorException($"--port {port}: cannot listen on 127.0.0.1:{port}: {ex.Message}", ExitCodes.Failure);
        }
    }

    private static StopRegistrations StopSignals(CancellationTokenSource stop)
    {
        var registrations = new StopRegistrations();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Stop cleanly (the snapshot is saved) instead of the runtime's default exit.
                context.Cancel = true;
                stop.Cancel();
            }));
        }

        return registrations;
    }

    private static List<WebhookRegistration> Webhooks(EmulatorVerbOptions options)
    {
        if (options.Webhook is null)
        {
            return options.WebhookBatched ? throw new UserErrorException("--webhook-batched: needs --webhook URL[,secret].") : [];
        }

        try
        {
            return [WebhookRegistration.Parse(options.Webhook, options.WebhookBatched)];
        }
        catch (FormatException ex)
        {
            throw new UserErrorException($"--webhook: {ex.Message}");
        }
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
