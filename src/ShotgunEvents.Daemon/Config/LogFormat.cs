namespace ShotgunEvents.Daemon.Config;

/// <summary><c>[daemon] log_format</c> (or <c>SHOTGUN_EVENTS_LOG_FORMAT</c>): how the console and the log files write a line.</summary>
internal enum LogFormat
{
    /// <summary><c>text</c> (default): upstream's lines in the files, a short coloured line on the console.</summary>
    Text,

    /// <summary><c>json</c>: one JSON object per line on the console and in every file, for log shippers.</summary>
    Json,
}
