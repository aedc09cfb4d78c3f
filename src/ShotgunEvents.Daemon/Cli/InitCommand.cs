namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>init [--dir DIR] [--force]</c>: a working folder from nothing: the shipped, commented <c>daemon.ini</c> (the
/// embedded demo site, state and logs beside it) and <c>scripts/</c> with the shipped <c>log_changes.csx</c>. Both are
/// embedded in the binary, so a tool install, a single-file binary or an image can start without the repository.
/// </summary>
internal static class InitCommand
{
    /// <summary>The embedded daemon.ini.</summary>
    public const string ConfigResource = "ShotgunEvents.Daemon.Init.daemon.ini";

    /// <summary>The embedded sample plugin.</summary>
    public const string PluginResource = "ShotgunEvents.Daemon.Init.log_changes.csx";

    /// <summary>The sample plugin's file name in scripts/.</summary>
    public const string PluginFileName = "log_changes.csx";

    public static int Run(InitOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Directory) ? "." : options.Directory);
        var config = Path.Combine(directory, Config.ConfigLocator.FileName);
        var plugin = Path.Combine(directory, "scripts", PluginFileName);
        var existing = new[] { config, plugin }.Where(File.Exists).ToList();
        if (existing.Count > 0 && !options.Force)
        {
            throw new UserErrorException($"{string.Join(" and ", existing)} already exist{(existing.Count == 1 ? "s" : string.Empty)}; " +
                                         "nothing was written (--force overwrites).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(plugin)!);
        File.WriteAllText(config, Resource(ConfigResource));
        File.WriteAllText(plugin, Resource(PluginResource));
        output.WriteLine($"Wrote {config} (the embedded demo site; state/ and logs/ go beside it) and {plugin}.");
        try
        {
            EditorSupport.Write(Path.GetDirectoryName(plugin)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The files that matter are written; IntelliSense is a convenience.
            output.WriteLine($"Editor support not written: {ex.Message}");
        }

        var here = string.Equals(directory, Path.GetFullPath("."), StringComparison.Ordinal);
        output.WriteLine(here
            ? "Next: shotgun-events check, then shotgun-events run (Ctrl-C stops it). Point [shotgun] server at your site when ready."
            : $"Next: cd {directory}, then shotgun-events check and shotgun-events run (Ctrl-C stops it).");
        return ExitCodes.Ok;
    }

    /// <summary>The text of an embedded file.</summary>
    public static string Resource(string name)
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"The resource {name} is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
