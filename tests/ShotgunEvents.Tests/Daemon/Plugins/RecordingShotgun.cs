using System.Collections.Concurrent;
using System.Reflection;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>
/// A stand-in connection that records what callbacks do with it (<c>InfoAsync</c> calls and the session uuid at each
/// call) and can hold <c>InfoAsync</c> until the test lets it go. Used for what the emulator cannot show:
/// when connections are created and what state they carry at call time.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy subclasses must not be sealed.
internal class RecordingShotgun : DispatchProxy
#pragma warning restore CA1852
{
    private string? _sessionUuid;

    public string? ScriptName { get; private set; }

    public ConcurrentQueue<string?> SessionUuidsAtInfo { get; } = new();

    public Func<Task>? InfoGate { get; set; }

    public static IShotgun Create(string? scriptName, Func<Task>? infoGate = null)
    {
        var proxy = Create<IShotgun, RecordingShotgun>();
        var recorder = (RecordingShotgun)(object)proxy;
        recorder.ScriptName = scriptName;
        recorder.InfoGate = infoGate;
        return proxy;
    }

    public static RecordingShotgun Of(IShotgun shotgun) => (RecordingShotgun)(object)shotgun;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        switch (targetMethod!.Name)
        {
            case "get_SessionUuid":
                return _sessionUuid;
            case "set_SessionUuid":
                _sessionUuid = (string?)args![0];
                return null;
            case nameof(IShotgun.InfoAsync):
                SessionUuidsAtInfo.Enqueue(_sessionUuid);
                return InfoAsync();
            default:
                throw new NotSupportedException($"RecordingShotgun does not implement {targetMethod.Name}.");
        }
    }

    private async Task<JObject> InfoAsync()
    {
        if (InfoGate is { } gate)
        {
            await gate();
        }

        return new JObject { ["version"] = new JArray(8, 0, 0) };
    }
}
