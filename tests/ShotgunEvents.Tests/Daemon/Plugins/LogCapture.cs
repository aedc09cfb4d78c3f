using System.Collections.Concurrent;
using NLog;
using NLog.Config;
using NLog.Targets;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>A private NLog factory that keeps every line, so tests read what plugins and the host logged.</summary>
internal sealed class LogCapture : IDisposable
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    /// <summary>Captures every line, or those from <paramref name="minLevel"/> up (the daemon's <c>[daemon] logging</c> level).</summary>
    public LogCapture(LogLevel? minLevel = null)
    {
        Factory = new LogFactory();
        var config = new LoggingConfiguration(Factory);
        var target = new MethodCallTarget("capture",
            (e, _) => _entries.Enqueue(new CapturedLog(e.LoggerName ?? string.Empty, e.Level, e.FormattedMessage, e.Exception)));
        if (minLevel is null)
        {
            config.AddRuleForAllLevels(target);
        }
        else
        {
            config.AddRule(minLevel, LogLevel.Fatal, target);
        }

        Factory.Configuration = config;
    }

    public LogFactory Factory { get; }

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>The messages of one logger, in order.</summary>
    public IEnumerable<string> Messages(string logger) =>
        Entries.Where(e => e.Logger == logger).Select(e => e.Message);

    /// <summary>The messages of every logger whose name starts with the prefix.</summary>
    public IEnumerable<string> MessagesUnder(string loggerPrefix) =>
        Entries.Where(e => e.Logger.StartsWith(loggerPrefix, StringComparison.Ordinal)).Select(e => e.Message);

    public bool Contains(string text) => Entries.Any(e => e.Message.Contains(text, StringComparison.Ordinal));

    public int Count(string text) => Entries.Count(e => e.Message.Contains(text, StringComparison.Ordinal));

    public string Dump() => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Logger}: {e.Message}"));

    public void Dispose() => Factory.Dispose();
}
