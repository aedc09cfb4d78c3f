using NLog;

namespace ShotgunEvents.Api;

/// <summary>
/// What a plugin's <c>registerCallbacks(Registrar reg)</c> receives: it registers the plugin's callbacks, gives
/// its logger, settings and environment, and chooses who gets its error mails.
/// </summary>
/// <example>
/// <code>
/// void registerCallbacks(Registrar reg)
/// {
///     var match = new MatchEvents { ["Shotgun_Version_Change"] = ["sg_status_list"] };
///     reg.RegisterCallback(Env("SGDAEMON_VERSIONS_NAME"), Env("SGDAEMON_VERSIONS_KEY"), OnVersionStatus, match);
/// }
///
/// async Task OnVersionStatus(IShotgun sg, Logger log, ShotgunEvent e, object? args)
/// {
///     var version = await sg.FindOneAsync("Version", Filter.Is("id", e.Entity!.Id), "entity", "sg_status_list");
///     log.Info($"Version {e.Entity.Id} is now {e.Meta["new_value"]}");
/// }
/// </code>
/// </example>
/// <remarks>
/// <para>Callbacks run in registration order, one event at a time per plugin, events in id order.</para>
/// <para>Each distinct pair of credentials gets its own connection, created the first time a callback uses it
/// (registering makes no network call). Null or empty credentials use the daemon's own connection settings. Upstream's
/// advice stands: a script per plugin makes the event log show which plugin changed what. <see cref="Shotgun"/> and
/// <see cref="Connect"/> give the same connections to <c>registerCallbacks</c> itself, for the checks and look-ups a
/// plugin makes before it registers (a <c>registerCallbacks</c> that awaits them can be <c>async Task</c>).</para>
/// <para>With <c>stopOnError: true</c> (the default) an exception from the callback deactivates the whole plugin at
/// that event: the event is not marked handled, and the plugin stays inactive until its file changes (or the daemon
/// reloads plugins) and then resumes at that event. With <c>stopOnError: false</c> the exception is logged and the
/// event counts as handled.</para>
/// <para>Only host and framework types (Dictionary, JObject, ...) should go into serializers or other global caches:
/// handing <c>JsonConvert.SerializeObject</c> an object of a type the plugin defines (an anonymous type too) keeps the
/// old code in memory after every reload, and the daemon warns about it.</para>
/// </remarks>
public sealed class Registrar
{
    private readonly List<CallbackRegistration> _callbacks = [];
    private readonly Func<string, Logger> _callbackLoggers;
    private readonly IRegistrarHost? _host;
    private readonly HashSet<string> _warnedStringEntries = new(StringComparer.Ordinal);
    private bool _closed;

    internal Registrar(string pluginName, string pluginPath, Logger logger, IReadOnlyDictionary<string, string> settings,
        Func<string, Logger> callbackLoggers, IRegistrarHost? host = null)
    {
        PluginName = pluginName;
        PluginPath = pluginPath;
        Logger = logger;
        Settings = settings;
        _callbackLoggers = callbackLoggers;
        _host = host;
    }

    /// <summary>The plugin's name: its file name without <c>.csx</c>.</summary>
    public string PluginName { get; }

    /// <summary>The full path of the plugin's <c>.csx</c> file.</summary>
    public string PluginPath { get; }

    /// <summary>The plugin's logger, <c>plugin.&lt;name&gt;</c>. Each callback gets a child logger, <c>plugin.&lt;name&gt;.&lt;callback&gt;</c>.</summary>
    public Logger Logger { get; }

    /// <summary>The plugin settings of the daemon configuration, read-only.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>
    /// Who receives this plugin's error mails: <see cref="EmailRecipients.Default"/> until <c>SetEmails</c> is called.
    /// Mail is sent only when the daemon's <c>[emails]</c> section enables it.
    /// </summary>
    public EmailRecipients EmailRecipients { get; private set; } = EmailRecipients.Default;

    /// <summary>
    /// The level <see cref="SetLogLevel"/> set for this plugin's loggers; null when <c>registerCallbacks</c> did not
    /// call it (the daemon's <c>[daemon] logging</c> level applies).
    /// </summary>
    public LogLevel? LogLevel { get; private set; }

    /// <summary>
    /// A connection with the daemon's own credentials, usable in <c>registerCallbacks</c> (to check settings or look up
    /// ids before registering) and later from callbacks; the same connection the callbacks registered without
    /// credentials get. It connects on first use.
    /// </summary>
    /// <exception cref="InvalidOperationException">The plugin is being compiled by <c>check</c>, which runs no plugin code against a site.</exception>
    public IShotgun Shotgun => Host.Connection(null, null);

    /// <summary>The callbacks registered so far, in order.</summary>
    internal IReadOnlyList<CallbackRegistration> Callbacks => _callbacks;

    private IRegistrarHost Host => _host
        ?? throw new InvalidOperationException($"Plugin {PluginName}: no site connection is available here.");

    /// <summary>The plugin's logger (upstream's <c>reg.getLogger()</c>).</summary>
    /// <returns><see cref="Logger"/>.</returns>
    public Logger GetLogger() => Logger;

    /// <summary>A plugin setting of the daemon configuration.</summary>
    /// <param name="key">The setting's key.</param>
    /// <returns>Its value, or null when it is not set.</returns>
    public string? GetSetting(string key) => Settings.TryGetValue(key, out var value) ? value : null;

    /// <summary>An environment variable of the daemon's process (the usual place for script keys).</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>Its value, or null when it is not set.</returns>
    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

    /// <summary>
    /// An environment variable the plugin cannot work without: its value, or a <see cref="PluginSettingException"/>
    /// naming the plugin and the variable, which stops the registration (the plugin is inactive until its file changes).
    /// </summary>
    /// <param name="name">The variable name.</param>
    /// <returns>Its value (never empty).</returns>
    /// <exception cref="PluginSettingException">The variable is not set, or is empty.</exception>
    public string RequireEnv(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new PluginSettingException(
                $"Plugin {PluginName} needs the environment variable {name}, which is {(value is null ? "not set" : "empty")}.")
            : value;
    }

    /// <summary>
    /// A <c>[plugin_settings]</c> key the plugin cannot work without: its value, or a <see cref="PluginSettingException"/>
    /// naming the plugin and the key, which stops the registration (the plugin is inactive until its file changes).
    /// </summary>
    /// <param name="key">The setting's key.</param>
    /// <returns>Its value (never empty).</returns>
    /// <exception cref="PluginSettingException">The key is not set, or is empty.</exception>
    public string RequireSetting(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new PluginSettingException(
                $"Plugin {PluginName} needs the setting [plugin_settings] {key}, which is {(value is null ? "not set" : "empty")}.");
    }

    /// <summary>
    /// A connection with other script credentials, usable in <c>registerCallbacks</c> and from callbacks; the same
    /// connection the callbacks registered with these credentials get. It connects on first use.
    /// </summary>
    /// <param name="scriptName">The script name.</param>
    /// <param name="scriptKey">The script key; never logged.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="ArgumentException">The name or the key is empty.</exception>
    public IShotgun Connect(string scriptName, string scriptKey)
    {
        if (string.IsNullOrWhiteSpace(scriptName) || string.IsNullOrWhiteSpace(scriptKey))
        {
            throw new ArgumentException(string.IsNullOrWhiteSpace(scriptName)
                ? $"Plugin {PluginName}: Connect needs a script name; use reg.Shotgun for the daemon's own credentials."
                : $"Plugin {PluginName}: Connect was given script '{scriptName}' without a key (is its environment variable set?).");
        }

        return Host.Connection(scriptName, scriptKey);
    }

    /// <summary>
    /// Sets the minimum level of this plugin's loggers (its own and its callbacks'), for example
    /// <c>reg.SetLogLevel(LogLevel.Debug)</c> for Python's <c>reg.logger.setLevel(logging.DEBUG)</c>. It applies at once,
    /// to every log target, and only for this load of the plugin: a reload starts from the daemon's <c>[daemon] logging</c>
    /// level again and applies what <c>registerCallbacks</c> says then. <c>status</c> shows it.
    /// </summary>
    /// <param name="level">The level: <c>LogLevel.Trace</c> to <c>LogLevel.Fatal</c>, or <c>LogLevel.Off</c>.</param>
    public void SetLogLevel(LogLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        EnsureOpen();
        LogLevel = level;
        _host?.ApplyLogLevel(level);
    }

    /// <summary><c>true</c>: mail errors to the daemon's default recipients; <c>false</c>: send no mail for this plugin.</summary>
    /// <param name="enabled">Whether to mail.</param>
    public void SetEmails(bool enabled) => EmailRecipients = enabled ? EmailRecipients.Default : EmailRecipients.None;

    /// <summary>Mail this plugin's errors to these addresses instead of the defaults.</summary>
    /// <param name="addresses">One or more addresses.</param>
    /// <exception cref="ArgumentException">No address, or a malformed one.</exception>
    public void SetEmails(params string[] addresses) => EmailRecipients = EmailRecipients.To(addresses);

    /// <summary>Mail this plugin's errors to these addresses instead of the defaults.</summary>
    /// <param name="addresses">One or more addresses.</param>
    /// <exception cref="ArgumentException">No address, or a malformed one.</exception>
    public void SetEmails(IEnumerable<string> addresses) => EmailRecipients = EmailRecipients.To(addresses);

    /// <summary>Registers a synchronous callback with its own script credentials.</summary>
    /// <param name="scriptName">The script name of the callback's connection; null or empty (with <paramref name="scriptKey"/>) for the daemon's own.</param>
    /// <param name="scriptKey">The script key; never logged.</param>
    /// <param name="callback">The callback.</param>
    /// <param name="matchEvents">The events it takes; null for every event.</param>
    /// <param name="args">An object handed back to every call, the same instance each time (set-up done once, shared state).</param>
    /// <param name="stopOnError">True (the default) to deactivate the plugin when the callback throws; false to log and go on.</param>
    /// <returns>The registered callback, whose scope can be narrowed (<see cref="RegisteredCallback.InProjects(string[])"/>, <see cref="RegisteredCallback.SkipOwnWrites"/>).</returns>
    public RegisteredCallback RegisterCallback(string? scriptName, string? scriptKey, EventCallback callback, MatchEvents? matchEvents = null,
        object? args = null, bool stopOnError = true) =>
        Register(scriptName, scriptKey, callback, matchEvents, args, stopOnError);

    /// <summary>Registers an asynchronous callback with its own script credentials.</summary>
    /// <param name="scriptName">The script name of the callback's connection; null or empty (with <paramref name="scriptKey"/>) for the daemon's own.</param>
    /// <param name="scriptKey">The script key; never logged.</param>
    /// <param name="callback">The callback.</param>
    /// <param name="matchEvents">The events it takes; null for every event.</param>
    /// <param name="args">An object handed back to every call, the same instance each time.</param>
    /// <param name="stopOnError">True (the default) to deactivate the plugin when the callback throws; false to log and go on.</param>
    /// <returns>The registered callback, whose scope can be narrowed (<see cref="RegisteredCallback.InProjects(string[])"/>, <see cref="RegisteredCallback.SkipOwnWrites"/>).</returns>
    public RegisteredCallback RegisterCallback(string? scriptName, string? scriptKey, AsyncEventCallback callback, MatchEvents? matchEvents = null,
        object? args = null, bool stopOnError = true) =>
        Register(scriptName, scriptKey, callback, matchEvents, args, stopOnError);

    /// <summary>Registers an asynchronous callback that takes the daemon's shutdown token, with its own script credentials.</summary>
    /// <param name="scriptName">The script name of the callback's connection; null or empty (with <paramref name="scriptKey"/>) for the daemon's own.</param>
    /// <param name="scriptKey">The script key; never logged.</param>
    /// <param name="callback">The callback; see <see cref="CancellableEventCallback"/> for the token's meaning.</param>
    /// <param name="matchEvents">The events it takes; null for every event.</param>
    /// <param name="args">An object handed back to every call, the same instance each time.</param>
    /// <param name="stopOnError">True (the default) to deactivate the plugin when the callback throws; false to log and go on.</param>
    /// <returns>The registered callback, whose scope can be narrowed (<see cref="RegisteredCallback.InProjects(string[])"/>, <see cref="RegisteredCallback.SkipOwnWrites"/>).</returns>
    public RegisteredCallback RegisterCallback(string? scriptName, string? scriptKey, CancellableEventCallback callback, MatchEvents? matchEvents = null,
        object? args = null, bool stopOnError = true) =>
        Register(scriptName, scriptKey, callback, matchEvents, args, stopOnError);

    /// <summary>Registers a synchronous callback that uses the daemon's own credentials.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="matchEvents">The events it takes; null for every event.</param>
    /// <param name="args">An object handed back to every call, the same instance each time.</param>
    /// <param name="stopOnError">True (the default) to deactivate the plugin when the callback throws; false to log and go on.</param>
    /// <returns>The registered callback, whose scope can be narrowed (<see cref="RegisteredCallback.InProjects(string[])"/>, <see cref="RegisteredCallback.SkipOwnWrites"/>).</returns>
    public RegisteredCallback RegisterCallback(EventCallback callback, MatchEvents? matchEvents = null, object? args = null, bool stopOnError = true) =>
        Register(null, null, callback, matchEvents, args, stopOnError);

    /// <summary>Registers an asynchronous callback that uses the daemon's own credentials.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="matchEvents">The events it takes; null for every event.</param>
    /// <param name="args">An object handed back to every call, the same instance each time.</param>
    /// <param name="stopOnError">True (the default) to deactivate the plugin when the callback throws; false to log and go on.</param>
    /// <returns>The registered callback, whose scope can be narrowed (<see cref="RegisteredCallback.InProjects(string[])"/>, <see cref="RegisteredCallback.SkipOwnWrites"/>).</returns>
    public RegisteredCallback RegisterCallback(AsyncEventCallback callback, MatchEvents? matchEvents = null, object? args = null, bool stopOnError = true) =>
        Register(null, null, callback, matchEvents, args, stopOnError);

    /// <summary>Registers an asynchronous callback that takes the daemon's shutdown token and uses the daemon's own credentials.</summary>
    /// <param name="callback">The callback; see <see cref="CancellableEventCallback"/> for the token's meaning.</param>
    /// <param name="matchEvents">The events it takes; null for every event.</param>
    /// <param name="args">An object handed back to every call, the same instance each time.</param>
    /// <param name="stopOnError">True (the default) to deactivate the plugin when the callback throws; false to log and go on.</param>
    /// <returns>The registered callback, whose scope can be narrowed (<see cref="RegisteredCallback.InProjects(string[])"/>, <see cref="RegisteredCallback.SkipOwnWrites"/>).</returns>
    public RegisteredCallback RegisterCallback(CancellableEventCallback callback, MatchEvents? matchEvents = null, object? args = null, bool stopOnError = true) =>
        Register(null, null, callback, matchEvents, args, stopOnError);

    /// <summary>Ends registration: callbacks can only be registered while <c>registerCallbacks</c> runs.</summary>
    internal void Close() => _closed = true;

    /// <summary>Refuses a change of registration after <c>registerCallbacks</c> returned.</summary>
    /// <exception cref="InvalidOperationException">Registration is over.</exception>
    internal void EnsureOpen()
    {
        if (_closed)
        {
            throw new InvalidOperationException(
                $"Plugin {PluginName}: callbacks can only be registered inside registerCallbacks (and scoped there), not later.");
        }
    }

    /// <summary>Drops every reference into the plugin's code (delegates, args) so its load context can unload.</summary>
    internal void Release()
    {
        _closed = true;
        foreach (var callback in _callbacks)
        {
            callback.Release();
        }

        _callbacks.Clear();
    }

    private RegisteredCallback Register(string? scriptName, string? scriptKey, Delegate callback, MatchEvents? matchEvents, object? args, bool stopOnError)
    {
        ArgumentNullException.ThrowIfNull(callback);
        EnsureOpen();

        var name = CallbackRegistration.NameOf(callback, _callbacks.Count);
        scriptName = string.IsNullOrWhiteSpace(scriptName) ? null : scriptName;
        scriptKey = string.IsNullOrWhiteSpace(scriptKey) ? null : scriptKey;
        if ((scriptName is null) != (scriptKey is null))
        {
            // Upstream passed half a credential pair on to the Python API, which refused it at once; falling back
            // without a word would hide a missing environment variable behind the daemon's own script.
            Logger.Warn(scriptName is null
                ? "Plugin {0}, callback {1}: a script key was given without a script name, so the callback uses the daemon's own credentials. Give both, or neither (reg.RequireEnv makes a missing variable stop the plugin)."
                : "Plugin {0}, callback {1}: script '{2}' was given without a script key (is its environment variable set?), so the callback uses the daemon's own credentials. Give both, or neither (reg.RequireEnv makes a missing variable stop the plugin).",
                PluginName, name, scriptName);
            scriptName = null;
            scriptKey = null;
        }

        var match = matchEvents?.Clone() ?? new MatchEvents();
        WarnAboutStringEntries(match, name);
        var registration = new CallbackRegistration(name, scriptName, scriptKey, callback, match, args, stopOnError, _callbackLoggers(name));
        _callbacks.Add(registration);
        return new RegisteredCallback(this, registration);
    }

    private void WarnAboutStringEntries(MatchEvents match, string callbackName)
    {
        foreach (var (eventType, attributes) in match)
        {
            if (attributes is { FromString: true } && _warnedStringEntries.Add(eventType + "\0" + attributes[0]))
            {
                Logger.Warn(
                    "Callback {0}: matchEvents[\"{1}\"] is the string \"{2}\"; it matches that attribute exactly " +
                    "(the Python framework matched it as a substring). Write [\"{2}\"] to say so.",
                    callbackName, eventType, attributes[0]);
            }
        }
    }
}
