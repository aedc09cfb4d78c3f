using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Plugins.Running;

namespace ShotgunEvents.Daemon.Plugins.Scoping;

/// <summary>
/// Decides, for one plugin, whether a callback that matched an event runs or skips it: the daemon-wide scopes
/// (<see cref="DaemonScope"/>), then the callback's own (<c>InProjects</c>, <c>SkipOwnWrites</c>). Used by the
/// plugin's lane only, one event at a time; the name look-ups it needs go through the shared <see cref="SiteDirectory"/>
/// with the plugin's daemon-credential connection, and are retried (with back-off, the lane waiting) while the site
/// cannot answer, since no scope can be decided without them.
/// </summary>
internal sealed class ScopeFilter
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(60);

    private readonly DaemonScope _daemon;
    private readonly SiteDirectory _directory;
    private readonly string? _daemonScriptName;
    private readonly PluginConnections _connections;
    private readonly TimeProvider _time;
    private readonly Logger _log;
    private readonly string _pluginName;

    public ScopeFilter(string pluginName, PluginHostOptions options, PluginConnections connections, TimeProvider time, Logger log)
    {
        _pluginName = pluginName;
        _daemon = options.Scope;
        _directory = options.Directory;
        _daemonScriptName = options.DaemonScriptName;
        _connections = connections;
        _time = time;
        _log = log;
    }

    /// <summary>True when the daemon-wide scope is set (otherwise <see cref="DaemonVerdictAsync"/> never skips).</summary>
    public bool HasDaemonScope => !_daemon.IsEverything;

    /// <summary>Notes an event that may change a name's id (see <see cref="SiteDirectory.Observe"/>).</summary>
    public void Observe(ShotgunEvent evt) => _directory.Observe(evt);

    /// <summary>Why the daemon-wide scopes skip <paramref name="evt"/>, or null when they let it through.</summary>
    /// <exception cref="OperationCanceledException">The daemon is stopping while the look-up waits for the site.</exception>
    public async ValueTask<SkipReason?> DaemonVerdictAsync(ShotgunEvent evt, CancellationToken cancellationToken)
    {
        if (_daemon.IsEverything)
        {
            return null;
        }

        var names = _daemon.Needs.IsNothing ? null : await DirectoryAsync(_daemon.Needs, cancellationToken).ConfigureAwait(false);
        if (evt.Project is { Type: "Project" } project)
        {
            if (!_daemon.LimitToProjects.IsEmpty && !Contains(_daemon.LimitToProjects, project.Id, names))
            {
                return SkipReason.Project;
            }

            if (Contains(_daemon.IgnoreProjects, project.Id, names))
            {
                return SkipReason.Project;
            }
        }

        if (_daemon.IgnoreUsers.Count > 0 && evt.User is { } user && names is not null
            && _daemon.IgnoreUsers.Any(name => IsUser(names, user, name)))
        {
            return SkipReason.User;
        }

        return null;
    }

    /// <summary>Why the callback's own scope skips <paramref name="evt"/>, or null when it runs.</summary>
    /// <exception cref="OperationCanceledException">The daemon is stopping while the look-up waits for the site.</exception>
    public async ValueTask<SkipReason?> CallbackVerdictAsync(CallbackRegistration callback, ShotgunEvent evt, CancellationToken cancellationToken)
    {
        if (callback.HasProjectScope)
        {
            if (evt.Project is not { Type: "Project" } project)
            {
                return SkipReason.CallbackProject;
            }

            if (!callback.ProjectIds.Contains(project.Id))
            {
                var names = callback.ProjectNames.Count == 0
                    ? null
                    : await DirectoryAsync(DirectoryNeeds.Of(callback.ProjectNames, [], []), cancellationToken).ConfigureAwait(false);
                if (names is null || !callback.ProjectNames.Any(n => names.ProjectIds(n).Contains(project.Id)))
                {
                    return SkipReason.CallbackProject;
                }
            }
        }

        if (callback.SkipsOwnWrites && (callback.ScriptName ?? _daemonScriptName) is { } script && MayBeScript(evt))
        {
            var names = await DirectoryAsync(DirectoryNeeds.Of([], [], [script]), cancellationToken).ConfigureAwait(false);
            var ids = names.ScriptIds(script);
            if (IsScript(evt.User, ids) || (evt.User is { Type: "HumanUser" } && IsScript(EntityRef.FromToken(evt.Meta["sudo_actual_user"]), ids)))
            {
                return SkipReason.OwnWrite;
            }
        }

        return null;
    }

    // A script writes as itself, or (sudo_as_login) as a person with the script named in meta.
    private static bool MayBeScript(ShotgunEvent evt) => evt.User is { Type: "ApiUser" or "HumanUser" };

    private static bool IsScript(EntityRef? user, IReadOnlyList<int> ids) => user is { Type: "ApiUser" } && ids.Contains(user.Id);

    private static bool Contains(ProjectSelector selector, int projectId, DirectorySnapshot? names) =>
        selector.Ids.Contains(projectId) || (names is not null && selector.Names.Any(n => names.ProjectIds(n).Contains(projectId)));

    private static bool IsUser(DirectorySnapshot names, EntityRef user, string name) => user.Type switch
    {
        "HumanUser" => names.HumanUserIds(name).Contains(user.Id),
        "ApiUser" => names.ScriptIds(name).Contains(user.Id),
        _ => false,
    };

    private async ValueTask<DirectorySnapshot> DirectoryAsync(DirectoryNeeds needs, CancellationToken cancellationToken)
    {
        var wait = FirstRetry;
        while (true)
        {
            try
            {
                return await _directory.GetAsync(needs, _connections.Get(null, null), _log, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ShotgunError or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                _log.Warn("Plugin {0}: could not look up the names of the event scopes on the site ({1}); this plugin waits and tries again in {2}.",
                    _pluginName, ex.Message, wait);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                wait = wait * 2 > LastRetry ? LastRetry : wait * 2;
            }
        }
    }
}
