using NLog;
using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Plugins.Scoping;

/// <summary>
/// The ids behind the names the scopes use: project names, <c>HumanUser</c> logins and <c>ApiUser</c> (script) names,
/// looked up on the site the first time a lane needs them, and again after any event that may change the answer (a
/// project, user or script created, retired, revived or renamed). One per daemon, shared by every plugin's lane.
/// </summary>
/// <remarks>
/// State: the current <see cref="DirectorySnapshot"/> (immutable, replaced whole by a look-up) and the look-up in
/// flight. Lanes read the snapshot without locking; a lane that needs a fresh one starts the look-up or joins the one
/// running (the lock only hands that task over, never spans a call to the site). Names are resolved against the site as
/// it is now, so a lane far behind reads old events with today's names; ids never change.
/// </remarks>
internal sealed class SiteDirectory
{
    private readonly Lock _gate = new();
    private DirectorySnapshot? _snapshot;
    private Task<DirectorySnapshot>? _lookUp;
    private DirectoryNeeds _lookUpNeeds = DirectoryNeeds.Nothing;
    private int _lastChangeId;
    private bool _stale;

    /// <summary>The last snapshot looked up, for <c>status</c>; null before the first.</summary>
    public DirectorySnapshot? Current => Volatile.Read(ref _snapshot);

    /// <summary>
    /// Notes an event that may change a name's id. Cheap for every other event; several lanes may report the same
    /// event, which counts once.
    /// </summary>
    public void Observe(ShotgunEvent evt)
    {
        // Nothing looked up yet (the usual case: no scope uses a name) means nothing to refresh.
        if (Volatile.Read(ref _snapshot) is null || !MayChangeNames(evt))
        {
            return;
        }

        lock (_gate)
        {
            if (evt.Id > _lastChangeId && _snapshot is { } snapshot && snapshot.Covers(evt))
            {
                _lastChangeId = evt.Id;
                _stale = true;
            }
        }
    }

    /// <summary>
    /// Starts a look-up of <paramref name="needs"/> now, in the background (the daemon's start: a name that matches
    /// nothing is reported then, not at the first event). A failure is only logged: the lanes look up again.
    /// </summary>
    /// <returns>Done when the look-up is over, whether it worked or not (it never faults).</returns>
    public Task PrefetchAsync(DirectoryNeeds needs, IShotgun connection, Logger log) =>
        GetAsync(needs, connection, log, CancellationToken.None).AsTask().ContinueWith(
            t =>
            {
                if (t.Exception is { } error)
                {
                    log.Warn("Event scopes: could not look up the project and user names at start ({0}); the plugins look them up again when needed.",
                        error.GetBaseException().Message);
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// A snapshot that answers <paramref name="needs"/>: the current one when it covers them and nothing changed since,
    /// else a new look-up through <paramref name="connection"/> (joined by every lane that asks meanwhile).
    /// </summary>
    /// <exception cref="ShotgunError">The look-up failed; the next call tries again.</exception>
    public async ValueTask<DirectorySnapshot> GetAsync(DirectoryNeeds needs, IShotgun connection, Logger log, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && !Volatile.Read(ref _stale) && current.Needs.Includes(needs))
        {
            return current;
        }

        Task<DirectorySnapshot> lookUp;
        lock (_gate)
        {
            if (_snapshot is { } fresh && !_stale && fresh.Needs.Includes(needs))
            {
                return fresh;
            }

            if (_lookUp is null || _lookUp.IsCompleted || !_lookUpNeeds.Includes(needs))
            {
                var union = (_snapshot?.Needs ?? DirectoryNeeds.Nothing).With(_lookUpNeeds).With(needs);
                _stale = false;
                _lookUpNeeds = union;
                _lookUp = LookUpAsync(union, connection, log);
            }

            lookUp = _lookUp;
        }

        return await lookUp.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DirectorySnapshot> LookUpAsync(DirectoryNeeds needs, IShotgun connection, Logger log)
    {
        try
        {
            // Not the caller's token: other lanes may be waiting for the same look-up.
            var projects = await FindAsync(connection, "Project", "name", needs.Projects).ConfigureAwait(false);
            var humans = await FindAsync(connection, "HumanUser", "login", needs.Logins).ConfigureAwait(false);
            var scripts = await FindAsync(connection, "ApiUser", "firstname", needs.Scripts).ConfigureAwait(false);
            var snapshot = DirectorySnapshot.From(needs, projects, humans, scripts);
            lock (_gate)
            {
                _snapshot = snapshot;
            }

            var unknownProjects = needs.Projects.Where(n => snapshot.ProjectIds(n).Count == 0).Order(StringComparer.OrdinalIgnoreCase).ToArray();
            var unknownUsers = needs.Logins.Concat(needs.Scripts).Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(n => snapshot.HumanUserIds(n).Count == 0 && snapshot.ScriptIds(n).Count == 0).Order(StringComparer.OrdinalIgnoreCase).ToArray();
            if (unknownProjects.Length > 0 || unknownUsers.Length > 0)
            {
                log.Warn("Event scopes: the site has {0}{1}{2}; they match no event until they exist (looked up again when projects, users or scripts change).",
                    unknownProjects.Length > 0 ? "no project named " + string.Join(", ", unknownProjects.Select(n => $"'{n}'")) : string.Empty,
                    unknownProjects.Length > 0 && unknownUsers.Length > 0 ? ", and " : string.Empty,
                    unknownUsers.Length > 0 ? "no user login or script named " + string.Join(", ", unknownUsers.Select(n => $"'{n}'")) : string.Empty);
            }

            log.Debug("Event scopes: looked up {0} project name(s), {1} login(s) and {2} script name(s).",
                needs.Projects.Count, needs.Logins.Count, needs.Scripts.Count);
            return snapshot;
        }
        catch
        {
            lock (_gate)
            {
                // The next lane to ask looks up again.
                _stale = true;
            }

            throw;
        }
    }

    private static async Task<IReadOnlyList<Entity>> FindAsync(IShotgun connection, string type, string field, IReadOnlySet<string> names) =>
        names.Count == 0
            ? []
            : await connection.FindAsync(type, Filter.In(field, [.. names]), [field], null, CancellationToken.None).ConfigureAwait(false);

    private static bool MayChangeNames(ShotgunEvent evt)
    {
        var type = evt.EventType;
        if (!type.StartsWith("Shotgun_", StringComparison.Ordinal))
        {
            return false;
        }

        var naming = type.StartsWith("Shotgun_Project_", StringComparison.Ordinal) ? "name"
            : type.StartsWith("Shotgun_HumanUser_", StringComparison.Ordinal) ? "login"
            : type.StartsWith("Shotgun_ApiUser_", StringComparison.Ordinal) ? "firstname"
            : null;
        return naming is not null && (!type.EndsWith("_Change", StringComparison.Ordinal) || evt.AttributeName == naming);
    }
}
