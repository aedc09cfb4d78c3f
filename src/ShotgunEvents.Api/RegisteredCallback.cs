namespace ShotgunEvents.Api;

/// <summary>
/// A callback just registered, returned by <c>RegisterCallback</c> so its scope can be narrowed while
/// <c>registerCallbacks</c> runs: <c>reg.RegisterCallback(OnStatus, match).InProjects("bunny").SkipOwnWrites();</c>
/// </summary>
/// <remarks>
/// An event a scope leaves out is skipped for this callback: it still counts as handled (the plugin's position moves
/// past it), and it is counted in <c>status</c> and <c>/metrics</c> by reason.
/// </remarks>
public sealed class RegisteredCallback
{
    private readonly Registrar _registrar;
    private readonly CallbackRegistration _registration;

    internal RegisteredCallback(Registrar registrar, CallbackRegistration registration)
    {
        _registrar = registrar;
        _registration = registration;
    }

    /// <summary>The callback's name, as it appears in its logger name and in messages.</summary>
    public string Name => _registration.Name;

    /// <summary>
    /// Only events of these projects reach the callback; events without a project (a <c>HumanUser</c> change, for
    /// one) are skipped. Calling it again adds projects.
    /// </summary>
    /// <param name="projectIds">Project ids.</param>
    /// <returns>This callback, to chain.</returns>
    public RegisteredCallback InProjects(params int[] projectIds)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        _registrar.EnsureOpen();
        _registration.AddProjects(projectIds, []);
        return this;
    }

    /// <summary>
    /// Only events of the projects with these names reach the callback (names are looked up on the site when first
    /// needed and again whenever a project is created, renamed, retired or revived); events without a project are
    /// skipped. Calling it again adds projects.
    /// </summary>
    /// <param name="projectNames">Project names, exactly as on the site (the lookup ignores case).</param>
    /// <returns>This callback, to chain.</returns>
    public RegisteredCallback InProjects(params string[] projectNames)
    {
        ArgumentNullException.ThrowIfNull(projectNames);
        _registrar.EnsureOpen();
        if (projectNames.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Plugin {_registrar.PluginName}, callback {Name}: a project name is empty.", nameof(projectNames));
        }

        _registration.AddProjects([], projectNames);
        return this;
    }

    /// <summary>
    /// Skips the events the callback's own script user made (its script, or the daemon's when it registered no
    /// credentials; a write made with <see cref="IShotgun.AsUser"/> by that script too): the loop guard that stops a
    /// callback from reacting to its own updates.
    /// </summary>
    /// <returns>This callback, to chain.</returns>
    public RegisteredCallback SkipOwnWrites()
    {
        _registrar.EnsureOpen();
        _registration.SkipsOwnWrites = true;
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _registration.ToString();
}
