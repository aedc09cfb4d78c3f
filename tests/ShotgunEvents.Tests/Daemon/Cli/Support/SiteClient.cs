using ShotgunEvents.Api;
using ShotgunEvents.Client;

namespace ShotgunEvents.Tests.Daemon.Cli.Support;

/// <summary>A real api3 connection to a site a command serves or uses, for checking what it holds.</summary>
internal sealed class SiteClient : IDisposable
{
    private readonly ShotgunConnectionPool _pool;
    private readonly ShotgunClient _client;

    public SiteClient(string site, string scriptName, string scriptKey)
    {
        _pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = site, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(30) });
        _client = _pool.Connect(ShotgunCredentials.Script(scriptName, scriptKey));
    }

    public IShotgun Shotgun => _client;

    public void Dispose()
    {
        _client.Dispose();
        _pool.Dispose();
    }
}
