using NLog;
using ShotgunEvents.Daemon.State;

namespace ShotgunEvents.Daemon.Events;

/// <summary>
/// Writes the state file: after every poll cycle that changed something (the default) or at most once per interval,
/// and always on shutdown. Plugins that are not loaded now keep their entry, so a plugin file that comes back resumes
/// where it was.
/// </summary>
internal sealed class StateCheckpointer(StateFile file, DaemonState state, TimeSpan? interval, Uri? site, TimeProvider timeProvider, Logger log)
{
    private readonly Lock _gate = new();
    private long _savedVersion = -1;
    private long _savedAt = timeProvider.GetTimestamp();
    private long _statusAt = long.MinValue;
    private bool _failing;

    /// <summary>Writes a checkpoint if one is due and something changed.</summary>
    public void MaybeSave(IReadOnlyList<PluginWorker> workers)
    {
        if (interval is { } every && timeProvider.GetElapsedTime(_savedAt) < every)
        {
            return;
        }

        Save(workers, force: false);
    }

    /// <summary>
    /// A lane that handled a checkpoint's worth of events asks for one: written if a lane is still overdue once the
    /// caller holds the gate. Lanes in step ask at about the same moment; the first write covers them all (without
    /// this check each of them wrote the file in turn).
    /// </summary>
    public void MaybeSaveForLane(IReadOnlyList<PluginWorker> workers)
    {
        if (interval is { } every && timeProvider.GetElapsedTime(_savedAt) < every)
        {
            return;
        }

        Save(workers, force: false, onlyIfLaneOverdue: true);
    }

    /// <summary>Writes a checkpoint now (shutdown), whether or not something changed.</summary>
    public void SaveNow(IReadOnlyList<PluginWorker> workers) => Save(workers, force: true);

    private void Save(IReadOnlyList<PluginWorker> workers, bool force, bool onlyIfLaneOverdue = false)
    {
        lock (_gate)
        {
            if (onlyIfLaneOverdue && !workers.Any(w => w.CheckpointOverdue))
            {
                return;
            }

            var version = workers.Sum(w => w.StateVersion) + workers.Count;
            if (!force && version == _savedVersion)
            {
                return;
            }

            // What each lane had handled before the copy: all of it is in the copy (a lane counts an event after
            // moving its cursor). Lanes learn it only once the file is written, so a lane overdue for a checkpoint
            // while this one is still on its way to the disk asks again and waits here.
            var handled = workers.Select(w => w.HandledCount).ToArray();
            try
            {
                // The cursors change the plugin states in place; a clone is a consistent picture of them.
                file.Save(state.Clone());
                // The status file is for people: once a second is plenty, and it keeps catch-up off the disk.
                if (force || _statusAt == long.MinValue || timeProvider.GetElapsedTime(_statusAt) >= TimeSpan.FromSeconds(1))
                {
                    StatusReport.Write(file.Path, site, workers, timeProvider);
                    _statusAt = timeProvider.GetTimestamp();
                }
                _savedVersion = version;
                _savedAt = timeProvider.GetTimestamp();
                if (_failing)
                {
                    log.Warn("The state file {0} is written again.", file.Path);
                    _failing = false;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // One error per failing streak, not one per batch: the previous file is intact (atomic rename).
                if (!_failing)
                {
                    log.Error("Cannot write the state file {0}: {1}. The previous state is kept; retrying every batch.", file.Path, ex.Message);
                    _failing = true;
                }
            }
            finally
            {
                // Also after a failed write: lanes retry at their next batch, not at every event of a failing disk.
                for (var i = 0; i < workers.Count; i++)
                {
                    workers[i].MarkCheckpoint(handled[i]);
                }
            }
        }
    }
}
