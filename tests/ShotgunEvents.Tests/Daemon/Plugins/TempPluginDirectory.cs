namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>A temporary plugin directory, filled from <c>Fixtures/&lt;scenario&gt;</c>, deleted afterwards.</summary>
internal sealed class TempPluginDirectory : IDisposable
{
    public TempPluginDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "sge-plugins-" + Guid.NewGuid().ToString("N")[..12]);
        Plugins = Path.Combine(Root, "plugins");
        Directory.CreateDirectory(Plugins);
        Cache = Path.Combine(Root, "cache");
    }

    public string Root { get; }

    /// <summary>The plugin directory (a collection).</summary>
    public string Plugins { get; }

    /// <summary>A compile-cache directory beside it.</summary>
    public string Cache { get; }

    public static string Fixture(string scenario, string file) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", scenario, file);

    /// <summary>Copies a fixture into the plugin directory (optionally under another name) and returns its path.</summary>
    public string Copy(string scenario, string file, string? asName = null)
    {
        var target = Path.Combine(Plugins, asName ?? file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Fixture(scenario, file), target, overwrite: true);
        return target;
    }

    /// <summary>Replaces a plugin file's content with a fixture's, as an editor save would.</summary>
    public string Overwrite(string scenario, string file, string targetName)
    {
        var target = Path.Combine(Plugins, targetName);
        File.WriteAllText(target, File.ReadAllText(Fixture(scenario, file)));
        return target;
    }

    public string Write(string relativePath, string content)
    {
        var target = Path.Combine(Plugins, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, content);
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open by a dying watcher is harmless in the temp dir.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
