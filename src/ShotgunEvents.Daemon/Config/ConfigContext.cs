namespace ShotgunEvents.Daemon.Config;

/// <summary>What every section reader of one <see cref="ConfigLoader.Load(string, Func{string, string})"/> call shares.</summary>
internal sealed class ConfigContext
{
    /// <summary>Creates the context for one parsed file.</summary>
    public ConfigContext(IniDocument document, string fileName, string directory, Func<string, string?> env)
    {
        Document = document;
        FileName = fileName;
        Directory = directory;
        Env = env;
    }

    /// <summary>The parsed file.</summary>
    public IniDocument Document { get; }

    /// <summary>The file name used in messages.</summary>
    public string FileName { get; }

    /// <summary>The config file's directory: relative paths in the file are resolved against it.</summary>
    public string Directory { get; }

    /// <summary>Reads one environment variable.</summary>
    public Func<string, string?> Env { get; }

    /// <summary>Errors found so far.</summary>
    public List<ConfigDiagnostic> Errors { get; } = [];

    /// <summary>Warnings found so far.</summary>
    public List<ConfigDiagnostic> Warnings { get; } = [];

    /// <summary>A reader for <paramref name="section"/>; keys named in <paramref name="secretKeys"/> never have their value shown.</summary>
    public SectionReader Section(string section, params string[] secretKeys) => new(this, section, secretKeys);

    /// <summary>
    /// Makes <paramref name="path"/> absolute against the config file's directory, not the working directory, so a
    /// config means the same whoever starts the daemon from wherever (upstream's relative paths broke after
    /// daemonizing, <c>chdir("/")</c>).
    /// </summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, Directory);
}
