using ShotgunEvents.Client;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Emulator.Schema;

/// <summary>An emulator serving <c>Fixtures/Schema/every-type.json</c> (one Widget field per data type), and our client connected to it.</summary>
public sealed class FieldTypeSite : IAsyncLifetime
{
    private ShotgunConnectionPool? _pool;

    public EmulatorServer Server { get; private set; } = null!;

    public ShotgunClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential("types", "types-key")],
            SchemaPath = SchemaLoaderTests.Fixture("every-type.json"),
        });
        _pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = Server.BaseUri.ToString(), MaxRetries = 0 });
        Client = _pool.Connect(ShotgunCredentials.Script("types", "types-key"));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        _pool?.Dispose();
        await Server.DisposeAsync();
    }
}
