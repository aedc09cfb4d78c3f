using NLog;

namespace ShotgunEvents.Tests.Daemon.Events.Support;

internal sealed record LoggedLine(string Logger, LogLevel Level, string Message, Exception? Exception);
