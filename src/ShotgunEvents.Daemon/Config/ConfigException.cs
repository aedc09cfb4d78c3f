namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// The config could not be found or is invalid. <see cref="Errors"/> holds every problem at once, each already
/// formatted for the user by its <see cref="ConfigDiagnostic.ToString"/>; secrets never appear in them.
/// </summary>
internal sealed class ConfigException : Exception
{
    /// <summary>Creates the exception from every problem found.</summary>
    /// <param name="errors">At least one problem.</param>
    public ConfigException(IReadOnlyList<ConfigDiagnostic> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<ConfigDiagnostic> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigDiagnostic> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} config errors:{Environment.NewLine}  "
              + string.Join(Environment.NewLine + "  ", errors.Select(e => e.ToString()));
}
