using ShotgunEvents.Daemon.Events.Lanes;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// Every plugin's delivery now, in upstream order (collections as configured, plugins by file name). Changed by the
/// engine at start and when a plugin file appears or goes (the collections' scan threads), under its own lock; read
/// lock-free through <see cref="Current"/>, an immutable snapshot.
/// </summary>
internal sealed class DeliveryRegistry
{
    private readonly Lock _gate = new();
    private readonly Func<PluginDelivery, int> _collectionIndex;
    private PluginDelivery[] _current = [];

    /// <summary>Creates an empty registry.</summary>
    /// <param name="collectionIndex">A delivery's collection's place in the configuration (the first sort key).</param>
    public DeliveryRegistry(Func<PluginDelivery, int> collectionIndex)
    {
        _collectionIndex = collectionIndex;
    }

    /// <summary>The deliveries, in upstream order; a snapshot that never changes once read.</summary>
    public IReadOnlyList<PluginDelivery> Current => Volatile.Read(ref _current);

    /// <summary>Adds a delivery in its place.</summary>
    public void Add(PluginDelivery delivery)
    {
        lock (_gate)
        {
            var next = _current.Append(delivery)
                .OrderBy(_collectionIndex)
                .ThenBy(d => d.Plugin.Name, StringComparer.Ordinal)
                .ToArray();
            Volatile.Write(ref _current, next);
        }
    }

    /// <summary>Removes a delivery; false when it was not there.</summary>
    public bool Remove(PluginDelivery delivery)
    {
        lock (_gate)
        {
            if (!_current.Contains(delivery))
            {
                return false;
            }

            Volatile.Write(ref _current, _current.Where(d => !ReferenceEquals(d, delivery)).ToArray());
            return true;
        }
    }
}
