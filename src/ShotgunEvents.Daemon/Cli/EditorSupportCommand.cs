using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>editor-support [DIR...]</c>: <see cref="EditorSupport.Write"/> for each directory (or each configured collection).
/// The debug build runs it for the repository's <c>scripts/</c> and <c>examples/</c>, so a fresh clone has what its
/// <c>omnisharp.json</c> files point to; a TD runs it on a workstation for a mounted plugin share.
/// </summary>
internal static class EditorSupportCommand
{
    public static int Run(EditorSupportOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!EditorSupport.IsAvailable)
        {
            throw new UserErrorException("This single-file binary has no assembly files to give an editor; run editor-support " +
                                         "from the .NET tool or the release archive instead (README, Editor support).");
        }

        var directories = options.Directories.ToList();
        if (directories.Count == 0)
        {
            directories = [.. SettingsLoader.Load(options.Config).Plugins.Paths.Select(p => p.FullPath)];
        }

        foreach (var directory in directories.Select(d => Path.GetFullPath(d)))
        {
            if (!Directory.Exists(directory))
            {
                throw new UserErrorException($"{directory} is not a directory.");
            }

            var written = EditorSupport.Write(directory);
            output.WriteLine($"{directory}: editor support {(written ? "written" : "current")} ({EditorSupport.DirectoryName}/{EditorSupport.RspFileName}).");
        }

        return ExitCodes.Ok;
    }
}
