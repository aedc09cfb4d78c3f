using NLog;

namespace ShotgunEvents.Api;

/// <summary>
/// One callback a plugin registered: what to call, on which events, with which credentials. Owned by the daemon;
/// the script key never appears in <see cref="ToString"/>.
/// </summary>
internal sealed class CallbackRegistration
{
    private readonly List<int> _projectIds = [];
    private readonly List<string> _projectNames = [];
    private Delegate? _callback;

    internal CallbackRegistration(string name, string? scriptName, string? scriptKey, Delegate callback, MatchEvents matchEvents,
        object? args, bool stopOnError, Logger logger)
    {
        Name = name;
        ScriptName = scriptName;
        ScriptKey = scriptKey;
        _callback = callback;
        MatchEvents = matchEvents;
        Args = args;
        StopOnError = stopOnError;
        Logger = logger;
    }

    /// <summary>The callback's name (its method name), used in logger names and messages.</summary>
    public string Name { get; }

    /// <summary>The script name of the callback's own credentials; null for the daemon's own.</summary>
    public string? ScriptName { get; }

    /// <summary>The script key of the callback's own credentials; null for the daemon's own. A secret.</summary>
    public string? ScriptKey { get; }

    /// <summary>The events the callback takes (a private copy).</summary>
    public MatchEvents MatchEvents { get; }

    /// <summary>The object passed back to every call.</summary>
    public object? Args { get; private set; }

    /// <summary>True when a failure deactivates the plugin.</summary>
    public bool StopOnError { get; }

    /// <summary>The callback's logger, <c>plugin.&lt;plugin&gt;.&lt;callback&gt;</c>.</summary>
    public Logger Logger { get; }

    /// <summary>The project ids the callback is limited to (<see cref="RegisteredCallback.InProjects(int[])"/>); empty for any.</summary>
    public IReadOnlyList<int> ProjectIds => _projectIds;

    /// <summary>The project names the callback is limited to; empty for any.</summary>
    public IReadOnlyList<string> ProjectNames => _projectNames;

    /// <summary>True when the callback is limited to some projects (events without a project are then skipped).</summary>
    public bool HasProjectScope => _projectIds.Count > 0 || _projectNames.Count > 0;

    /// <summary>True when the callback skips the events its own script user made.</summary>
    public bool SkipsOwnWrites { get; set; }

    /// <summary>True for a callback that takes the daemon's cancellation token.</summary>
    public bool IsCancellable => _callback is CancellableEventCallback;

    /// <summary>Calls the callback. A synchronous callback runs on the calling thread; its exception propagates from this call.</summary>
    /// <param name="sg">The connection.</param>
    /// <param name="evt">The event.</param>
    /// <param name="cancellationToken">The daemon's shutdown token, handed to cancellable callbacks.</param>
    /// <returns>The callback's task (completed for a synchronous one).</returns>
    public Task InvokeAsync(IShotgun sg, ShotgunEvent evt, CancellationToken cancellationToken)
    {
        switch (_callback)
        {
            case EventCallback sync:
                sync(sg, Logger, evt, Args);
                return Task.CompletedTask;
            case AsyncEventCallback async:
                return async(sg, Logger, evt, Args) ?? Task.CompletedTask;
            case CancellableEventCallback cancellable:
                return cancellable(sg, Logger, evt, Args, cancellationToken) ?? Task.CompletedTask;
            default:
                throw new InvalidOperationException($"Callback {Name} was unloaded with its plugin.");
        }
    }

    /// <summary>Adds projects to the callback's scope (only while registration is open).</summary>
    /// <param name="ids">Project ids.</param>
    /// <param name="names">Project names.</param>
    public void AddProjects(IEnumerable<int> ids, IEnumerable<string> names)
    {
        _projectIds.AddRange(ids.Except(_projectIds));
        _projectNames.AddRange(names.Except(_projectNames, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The callback's scopes in words, for <c>status</c>; null when it has none.</summary>
    /// <returns>For example <c>projects [12, bunny]; skips own writes</c>.</returns>
    public string? DescribeScope()
    {
        var parts = new List<string>(2);
        if (HasProjectScope)
        {
            parts.Add("projects [" + string.Join(", ", _projectIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Concat(_projectNames)) + "]");
        }

        if (SkipsOwnWrites)
        {
            parts.Add("skips own writes");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>Drops every reference into the plugin's code, so its load context can be collected.</summary>
    public void Release()
    {
        _callback = null;
        Args = null;
    }

    /// <summary>The name a callback is known by: its method name, the name of a local function, or <c>callbackN</c> for a lambda.</summary>
    /// <param name="callback">The delegate.</param>
    /// <param name="index">Its position among the plugin's callbacks (0-based).</param>
    /// <returns>The name.</returns>
    public static string NameOf(Delegate callback, int index)
    {
        var name = callback.Method.Name;
        // A local function inside registerCallbacks compiles to "<registerCallbacks>g__OnEvent|0_0".
        var local = name.IndexOf(">g__", StringComparison.Ordinal);
        if (local >= 0)
        {
            var start = local + 4;
            var end = name.IndexOf('|', start);
            return end < 0 ? name[start..] : name[start..end];
        }

        return name.Contains('<', StringComparison.Ordinal) ? $"callback{index + 1}" : name;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} (matchEvents {MatchEvents}, stopOnError {StopOnError}, {(ScriptName is null ? "daemon credentials" : "script " + ScriptName)})";
}
