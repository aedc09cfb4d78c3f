using System.Collections.Concurrent;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// The recent callback runs of every plugin, for the status page's sparklines and last error, and the hook the
/// metrics listen on. Fed by the timing log's observer, so it sees every run whether or not timing lines are written.
/// </summary>
internal sealed class CallbackHistory
{
    /// <summary>How many recent durations each plugin keeps.</summary>
    public const int Capacity = 60;

    private readonly ConcurrentDictionary<string, PluginHistory> _plugins = new(StringComparer.Ordinal);

    /// <summary>Raised for every run (metrics). Must be quick and must not throw.</summary>
    public event Action<CallbackTiming>? Observed;

    public void Record(CallbackTiming timing)
    {
        _plugins.GetOrAdd(timing.PluginName, _ => new PluginHistory()).Add(timing);
        Observed?.Invoke(timing);
    }

    /// <summary>The plugin's recent durations in seconds (oldest first) and its last error, if any.</summary>
    public (double[] Seconds, string? LastError) For(string pluginName) =>
        _plugins.TryGetValue(pluginName, out var history) ? history.Read() : ([], null);

    private sealed class PluginHistory
    {
        private readonly Lock _gate = new();
        private readonly Queue<double> _seconds = new();
        private string? _lastError;

        public void Add(CallbackTiming timing)
        {
            lock (_gate)
            {
                if (_seconds.Count == Capacity)
                {
                    _seconds.Dequeue();
                }

                _seconds.Enqueue(timing.Duration.TotalSeconds);
                if (timing.Error)
                {
                    _lastError = $"callback {timing.CallbackName} failed on event {timing.EventId} at {timing.End:u}";
                }
            }
        }

        public (double[], string?) Read()
        {
            lock (_gate)
            {
                return ([.. _seconds], _lastError);
            }
        }
    }
}
