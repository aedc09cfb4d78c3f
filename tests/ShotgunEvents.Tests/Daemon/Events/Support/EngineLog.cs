using System.Collections.Concurrent;
using NLog;
using NLog.Config;
using NLog.Targets;

namespace ShotgunEvents.Tests.Daemon.Events.Support;

/// <summary>A private NLog factory that keeps every line the engine, the plugin host and the plugins log.</summary>
internal sealed class EngineLog : IDisposable
{
    private readonly ConcurrentQueue<LoggedLine> _lines = new();

    public EngineLog()
    {
        Factory = new LogFactory();
        var config = new LoggingConfiguration(Factory);
        config.AddRuleForAllLevels(new MethodCallTarget("capture",
            (e, _) => _lines.Enqueue(new LoggedLine(e.LoggerName ?? string.Empty, e.Level, e.FormattedMessage, e.Exception))));
        Factory.Configuration = config;
    }

    public LogFactory Factory { get; }

    public IReadOnlyList<LoggedLine> Lines => [.. _lines];

    /// <summary>Lines of the <c>engine</c> logger at <paramref name="level"/> or above that contain <paramref name="text"/>.</summary>
    public int Count(string text, LogLevel? level = null) =>
        Lines.Count(l => l.Message.Contains(text, StringComparison.Ordinal) && (level is null || l.Level >= level));

    public bool Contains(string text) => Count(text) > 0;

    public string Dump() => string.Join("\n", Lines.Select(l => $"{l.Level} {l.Logger}: {l.Message}{(l.Exception is null ? "" : " | " + l.Exception.Message)}"));

    public void Dispose() => Factory.Dispose();
}
