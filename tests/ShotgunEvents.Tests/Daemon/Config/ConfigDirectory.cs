namespace ShotgunEvents.Tests.Daemon.Config;

/// <summary>A temporary directory holding config files for one test; deleted on dispose.</summary>
internal sealed class ConfigDirectory : IDisposable
{
    public ConfigDirectory()
    {
        Path = Directory.CreateTempSubdirectory("sge-config-").FullName;
    }

    public string Path { get; }

    /// <summary>An environment made of exactly these variables: nothing of the real one leaks into a test.</summary>
    public static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => values.GetValueOrDefault(name);
    }

    public string Write(string text, string name = "daemon.ini")
    {
        var path = System.IO.Path.Join(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        text = text.ReplaceLineEndings("\n");
        File.WriteAllText(path, text.EndsWith('\n') ? text : text + "\n");
        return path;
    }

    /// <summary>A valid config for the embedded site with a plugin directory, plus the given lines appended to their sections.</summary>
    public string WriteMinimal(string daemon = "", string shotgun = "", string plugins = "", string emails = "")
    {
        Directory.CreateDirectory(System.IO.Path.Join(Path, "scripts"));
        return Write($"""
            [daemon]
            {daemon}
            [shotgun]
            server = embedded
            {shotgun}
            [plugins]
            paths = scripts
            {plugins}
            [emails]
            {emails}
            """);
    }

    /// <summary>The repository root: found from the test binaries when they are built inside it, else from this source file.</summary>
    public static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), System.IO.Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = start; !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
            {
                if (File.Exists(System.IO.Path.Join(dir, "ShotgunEvents.sln")))
                {
                    return dir;
                }
            }
        }

        throw new InvalidOperationException("The repository root (ShotgunEvents.sln) was not found.");
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
