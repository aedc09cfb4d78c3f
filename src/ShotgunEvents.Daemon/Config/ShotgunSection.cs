using System.Text;

namespace ShotgunEvents.Daemon.Config;

/// <summary><c>[shotgun]</c>: the site the daemon reads. <see cref="ToString"/> never shows the script key.</summary>
internal sealed record ShotgunSection
{
    /// <summary><c>server</c>: the site URL, or null for <c>embedded</c> (the in-process demo site; the default here, required in a file).</summary>
    public Uri? Url { get; init; }

    /// <summary>True when <c>server = embedded</c>: the daemon starts the emulator in-process.</summary>
    public bool IsEmbedded => Url is null;

    /// <summary><c>name</c>: the engine's script name (required unless embedded).</summary>
    public string? ScriptName { get; init; }

    /// <summary><c>key</c>: the engine's script key (required unless embedded). A secret: never log it.</summary>
    public string? ScriptKey { get; init; }

    /// <summary><c>proxy_server</c>: <c>host:port</c> of an HTTP proxy, or null.</summary>
    public string? ProxyServer { get; init; }

    /// <summary><c>use_session_uuid</c>: give each callback's connection the event's <c>session_uuid</c> (default true).</summary>
    public bool UseSessionUuid { get; init; } = true;

    /// <summary><c>protocol</c>: the wire protocol; only <c>api3</c> exists for now (reserved for later transports).</summary>
    public string Protocol { get; init; } = "api3";

    /// <summary><c>timeout</c>: the client's per-request timeout (default 60 s, upstream's socket timeout).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>max_retries</c>: the client's retries of one failed request before it reports the failure (default 3).</summary>
    public int MaxRetries { get; init; } = 3;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url?.ToString() ?? "embedded")
            .Append(", ScriptName = ").Append(ScriptName)
            .Append(", ScriptKey = ").Append(ScriptKey is null ? "(none)" : "***")
            .Append(", ProxyServer = ").Append(ProxyServer)
            .Append(", UseSessionUuid = ").Append(UseSessionUuid)
            .Append(", Protocol = ").Append(Protocol)
            .Append(", Timeout = ").Append(Timeout)
            .Append(", MaxRetries = ").Append(MaxRetries);
        return true;
    }
}
