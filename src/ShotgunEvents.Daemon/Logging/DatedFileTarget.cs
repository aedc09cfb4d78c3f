using NLog.Targets;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// <c>xsi:type="DatedFile"</c>: a file rotated at midnight to <c>&lt;name&gt;.YYYY-MM-DD[.ext]</c> (upstream's names),
/// keeping the newest <see cref="KeepFiles"/> rotated copies of this exact file.
/// </summary>
/// <remarks>
/// NLog's own cleanup (<c>maxArchiveFiles</c>) matches files by a wildcard built from the name, so with plugins
/// <c>sync</c> and <c>sync2</c> it deletes the other plugin's files, the live one included (a test shows it).
/// This target switches that cleanup off and deletes only files named exactly like its own rotated copies.
/// </remarks>
[Target(TypeName)]
internal sealed class DatedFileTarget : FileTarget
{
    /// <summary>The name of this target type in nlog.config.</summary>
    public const string TypeName = "DatedFile";

    /// <summary>Creates the target (used by nlog.config).</summary>
    public DatedFileTarget()
        : this(new DatedArchiveRetention())
    {
    }

    /// <summary>Creates a named target.</summary>
    public DatedFileTarget(string name)
        : this()
    {
        Name = name;
    }

    private DatedFileTarget(DatedArchiveRetention retention)
        : base(retention)
    {
        retention.KeepFiles = () => KeepFiles;
        ArchiveEvery = FileArchivePeriod.Day;
        ArchiveSuffixFormat = LogLayouts.ArchiveSuffix;
    }

    /// <summary>Rotated copies kept of each file; 0 keeps them all (Python's <c>backupCount=0</c>).</summary>
    public int KeepFiles { get; set; } = 10;

    /// <inheritdoc />
    protected override void InitializeTarget()
    {
        // The legacy "move the live file aside" mode keeps the live file's name stable for tail -f; it is the mode
        // that an ArchiveFileName equal to the FileName selects.
        ArchiveFileName ??= FileName;
        MaxArchiveFiles = -1;
        MaxArchiveDays = 0;
        base.InitializeTarget();
    }
}
