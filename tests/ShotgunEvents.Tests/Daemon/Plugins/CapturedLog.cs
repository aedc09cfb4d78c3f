using NLog;

namespace ShotgunEvents.Tests.Daemon.Plugins;

internal sealed record CapturedLog(string Logger, LogLevel Level, string Message, Exception? Exception);
