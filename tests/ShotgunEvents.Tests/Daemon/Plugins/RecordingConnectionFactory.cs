using System.Collections.Concurrent;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>Counts connection creations and keeps each connection made.</summary>
internal sealed class RecordingConnectionFactory : ICallbackConnectionFactory
{
    public ConcurrentQueue<(string? ScriptName, string? ScriptKey, IShotgun Connection)> Created { get; } = new();

    public Func<Task>? InfoGate { get; set; }

    public int CreateCount => Created.Count;

    public IShotgun Create(string? scriptName, string? scriptKey)
    {
        var connection = RecordingShotgun.Create(scriptName, InfoGate);
        Created.Enqueue((scriptName, scriptKey, connection));
        return connection;
    }
}
