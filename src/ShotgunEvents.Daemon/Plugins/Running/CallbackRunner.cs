using NLog;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Scoping;

namespace ShotgunEvents.Daemon.Plugins.Running;

/// <summary>
/// Runs a plugin's matching callbacks on one event, in registration order, with upstream's error rules: a callback
/// without stopOnError that throws is logged and the event still counts as handled; one with stopOnError is retried
/// (<see cref="PluginHostOptions.FailedEventRetries"/>) and then fails the plugin at that event. A callback whose
/// matchEvents take the event but whose scopes leave it out (<see cref="ScopeFilter"/>) skips it, counted in
/// <see cref="SkipCounters"/>; a skipped event counts as handled like any other.
/// </summary>
internal sealed class CallbackRunner
{
    private readonly string _pluginName;
    private readonly PluginHostOptions _options;
    private readonly TimeProvider _time;
    private readonly PluginConnections _connections;
    private readonly Logger _pluginLogger;
    private readonly Action<bool> _setStuck;
    private readonly ScopeFilter _scope;
    private readonly SkipCounters _skips;

    public CallbackRunner(string pluginName, PluginHostOptions options, TimeProvider time, PluginConnections connections,
        Logger pluginLogger, Action<bool> setStuck, SkipCounters skips)
    {
        _pluginName = pluginName;
        _options = options;
        _time = time;
        _connections = connections;
        _pluginLogger = pluginLogger;
        _setStuck = setStuck;
        _skips = skips;
        _scope = new ScopeFilter(pluginName, options, connections, time, pluginLogger);
    }

    /// <summary>Runs the callbacks that match <paramref name="shared"/> (on a private copy of it).</summary>
    /// <param name="callbacks">The generation's callbacks, in registration order.</param>
    /// <param name="shared">The event, as every plugin got it.</param>
    /// <param name="call">The call's record: the callback running is written there for the stuck and abandon lines.</param>
    /// <param name="cancellationToken">Cancelled when the daemon stops.</param>
    /// <exception cref="OperationCanceledException">The daemon is stopping: the event is not handled.</exception>
    public async ValueTask<CallbackRunResult> RunAsync(IReadOnlyList<CallbackRegistration> callbacks, ShotgunEvent shared, PluginCall call,
        CancellationToken cancellationToken)
    {
        ShotgunEvent? evt = null;
        var daemonChecked = false;
        _scope.Observe(shared);

        // Indexed, not foreach: an interface's enumerator is a heap object, and this runs per plugin per event.
        for (var i = 0; i < callbacks.Count; i++)
        {
            var callback = callbacks[i];
            if (!callback.MatchEvents.Matches(shared))
            {
                continue;
            }

            if (!daemonChecked && _scope.HasDaemonScope)
            {
                // Once per event and plugin, and only for an event some callback takes: the count says what was not run.
                daemonChecked = true;
                if (await _scope.DaemonVerdictAsync(shared, cancellationToken).ConfigureAwait(false) is { } reason)
                {
                    _skips.Add(reason);
                    _pluginLogger.Debug("Skipping event {0} ({1}): outside the daemon's event scope ({2}).", shared.Id, shared.EventType,
                        SkipCounters.Label(reason));
                    break;
                }
            }

            // The engine hands one instance to every plugin, concurrently: JObject is not safe to read from several
            // threads (it builds its lookup table lazily), and a plugin may change Meta. Each plugin gets its own copy.
            evt ??= shared.Clone();

            if ((callback.HasProjectScope || callback.SkipsOwnWrites)
                && await _scope.CallbackVerdictAsync(callback, evt, cancellationToken).ConfigureAwait(false) is { } skip)
            {
                _skips.Add(skip);
                callback.Logger.Debug("Skipping event {0} ({1}): outside callback {2}'s scope ({3}).", evt.Id, evt.EventType, callback.Name,
                    SkipCounters.Label(skip));
                continue;
            }

            // Every line of this run, the plugin's and the engine's about it, carries plugin, callback and event id as
            // JSON fields (a no-op with text logs).
            using var logScope = CallbackLogScope.Push(_pluginName, callback.Name, evt.Id);
            call.Callback = callback.Name;
            var error = await RunOnceAsync(callback, evt, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                continue;
            }

            if (!callback.StopOnError)
            {
                callback.Logger.Error(error,
                    "An error occurred processing event {0} ({1}) in callback {2}; stopOnError is false, so the event counts as handled.",
                    evt.Id, evt.EventType, callback.Name);
                continue;
            }

            error = await RetryAsync(callback, evt, error, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                callback.Logger.Fatal(error,
                    "Callback {0} failed on event {1} ({2}). Plugin {3} is now inactive; it resumes at this event once its file changes.",
                    callback.Name, evt.Id, evt.EventType, _pluginName);
                return new CallbackRunResult(PluginOutcome.Failed,
                    $"callback {callback.Name} failed on event {evt.Id}: {error.GetType().Name}: {error.Message}");
            }
        }

        return new CallbackRunResult(PluginOutcome.Handled, null);
    }

    private async Task<Exception?> RetryAsync(CallbackRegistration callback, ShotgunEvent evt, Exception error, CancellationToken cancellationToken)
    {
        var delay = _options.RetryBackoff;
        for (var attempt = 1; attempt <= _options.FailedEventRetries; attempt++)
        {
            callback.Logger.Warn(error, "Callback {0} failed on event {1} ({2}); retry {3} of {4} in {5}.",
                callback.Name, evt.Id, evt.EventType, attempt, _options.FailedEventRetries, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            var retried = await RunOnceAsync(callback, evt, cancellationToken).ConfigureAwait(false);
            if (retried is null)
            {
                callback.Logger.Info("Callback {0} handled event {1} on retry {2}.", callback.Name, evt.Id, attempt);
                return null;
            }

            error = retried;
            delay *= 2;
        }

        return error;
    }

    private async Task<Exception?> RunOnceAsync(CallbackRegistration callback, ShotgunEvent evt, CancellationToken cancellationToken)
    {
        var connection = _connections.Get(callback.ScriptName, callback.ScriptKey);
        var start = _time.GetUtcNow();
        var failed = true;
        var watchdog = _options.CallbackTimeout is { } timeout ? StartWatchdog(callback, evt, timeout) : null;
        try
        {
            if (_options.UseSessionUuid)
            {
                if (LazyShotgunProxy.Of(connection) is { } lazy)
                {
                    lazy.SetSessionUuid(evt.SessionUuid);
                }
                else
                {
                    connection.SessionUuid = evt.SessionUuid;
                }
            }

            await callback.InvokeAsync(connection, evt, cancellationToken).ConfigureAwait(false);
            failed = false;
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return ex;
        }
        finally
        {
            var end = _time.GetUtcNow();
            watchdog?.Dispose();
            _options.TimingLog?.Record(evt.Id, evt.CreatedAt, _pluginName, callback.Name, start, end, failed);
            if (watchdog is { Fired: true })
            {
                _setStuck(false);
                _pluginLogger.Info("Plugin {0}: callback {1} returned from event {2} after {3}.", _pluginName, callback.Name, evt.Id, end - start);
            }
        }
    }

    // Its own method: a lambda in RunOnceAsync would allocate its closure on every run, with or without a timeout.
    private StuckWatchdog StartWatchdog(CallbackRegistration callback, ShotgunEvent evt, TimeSpan timeout) =>
        new(_time, timeout, () => OnStuck(callback, evt, timeout));

    private void OnStuck(CallbackRegistration callback, ShotgunEvent evt, TimeSpan timeout)
    {
        _pluginLogger.Warn(
            _options.Serial
                ? "Plugin {0}: callback {1} has been running on event {2} for more than {3}; it looks stuck. plugin_concurrency " +
                  "is serial, so every plugin waits until it returns (or until the plugin's file changes, if the callback awaits)."
                : "Plugin {0}: callback {1} has been running on event {2} for more than {3}; it looks stuck. This plugin gets no " +
                  "further events until it returns or its file changes; the other plugins carry on.",
            _pluginName, callback.Name, evt.Id, timeout);
        _setStuck(true);
    }
}
