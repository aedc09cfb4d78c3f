using System.Runtime.CompilerServices;
using NLog;
using NLog.Targets;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Tests.Daemon.Logging;

/// <summary>
/// A real logging setup for one test: a temp log directory, its own NLog factory configured by
/// <see cref="LoggingSetup.Apply"/> from the repository's nlog.config or the built-in configuration, and reads of
/// the files it wrote. Deletes the directory afterwards.
/// </summary>
internal sealed class LogSandbox : IDisposable
{
    private LogSandbox(string directory, LogFactory factory, AppliedLogging applied)
    {
        Directory = directory;
        Factory = factory;
        Applied = applied;
    }

    public string Directory { get; }

    public LogFactory Factory { get; }

    public AppliedLogging Applied { get; }

    /// <summary>The repository's nlog.config, the file the daemon ships.</summary>
    public static string ShippedConfig { get; } = FindShippedConfig();

    public static LogSandbox Create(bool fromShippedFile, Func<LoggingOptions, LoggingOptions>? configure = null,
        Target? alertTarget = null)
    {
        var directory = NewDirectory();
        var options = new LoggingOptions { LogPath = directory, LogFile = "shotgunEventDaemon", Console = false };
        options = configure is null ? options : configure(options);
        var factory = new LogFactory();
        var config = fromShippedFile ? ShippedConfig : Path.Combine(directory, "no-such-nlog.config");
        var applied = LoggingSetup.Apply(options, config, alertTarget, factory);
        return new LogSandbox(directory, factory, applied);
    }

    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sgevents-logging-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    public Logger Logger(string name) => Factory.GetLogger(name);

    /// <summary>The lines of a file in the log directory, after flushing; empty when the file does not exist.</summary>
    public IReadOnlyList<string> Lines(string fileName)
    {
        Factory.Flush();
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
    }

    /// <summary>The names of the files in the log directory.</summary>
    public IReadOnlyList<string> Files()
    {
        Factory.Flush();
        return [.. System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
    }

    public void Dispose()
    {
        Factory.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on a slow machine; the temp directory is cleaned by the OS eventually.
        }
    }

    private static string FindShippedConfig([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = start; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "ShotgunEvents.sln")) && File.Exists(Path.Combine(dir, "nlog.config")))
                {
                    return Path.Combine(dir, "nlog.config");
                }
            }
        }

        throw new FileNotFoundException("The repository's nlog.config was not found above " + AppContext.BaseDirectory);
    }
}
