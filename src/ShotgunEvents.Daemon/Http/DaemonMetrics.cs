using System.Diagnostics.Metrics;
using Prometheus;
using ShotgunEvents.Daemon.Events;
using ShotgunEvents.Daemon.Events.Lanes;
using ShotgunEvents.Daemon.Logging;
using ShotgunEvents.Daemon.Plugins.Scoping;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// <c>GET /metrics</c>: prometheus-net over a registry of this host's own (not the static default, so several daemons
/// in one process, as in the tests, keep apart). Counters the engine already keeps are raised to their value at each
/// scrape; callback durations come from <see cref="CallbackHistory"/>, site request durations from .NET's own
/// <c>System.Net.Http</c> meter, filtered to this daemon's site; the process's own (CPU, memory, GC, threads) from
/// prometheus-net's <see cref="DotNetStats"/>. Lag is measured against the site's newest event.
/// </summary>
internal sealed class DaemonMetrics : IDisposable
{
    private static readonly double[] DurationBuckets = Histogram.ExponentialBuckets(0.0005, 2, 18);

    private readonly HttpSurface _surface;
    private readonly Counter _eventsRead;
    private readonly Counter _delivered;
    private readonly Counter _skipped;
    private readonly Counter _callbacks;
    private readonly Histogram _callbackSeconds;
    private readonly Gauge _lagEvents;
    private readonly Gauge _lagSeconds;
    private readonly Gauge _backlog;
    private readonly Gauge _plugins;
    private readonly Gauge _pluginActive;
    private readonly Counter _reloads;
    private readonly Gauge _compileErrors;
    private readonly Histogram _siteSeconds;
    private readonly Counter _siteFailures;
    private readonly Counter _polls;
    private readonly Counter _rings;
    private readonly Histogram _checkpointSeconds;
    private readonly Gauge _stuck;
    private readonly Gauge _detached;
    private readonly Gauge _lastPoll;
    private readonly Gauge _siteNewest;
    private readonly Gauge _stateWritable;
    private readonly Gauge _readWindow;
    private bool _observingWriter;
    private readonly MeterListener _http = new();
    private readonly HashSet<string> _seenPlugins = new(StringComparer.Ordinal);

    public DaemonMetrics(HttpSurface surface)
    {
        _surface = surface;
        Registry = Metrics.NewCustomRegistry();
        if (surface.Settings.Shards.Shard is { } shard)
        {
            // Every series says which shard it comes from (several daemons, one per shard, scraped side by side).
            Registry.SetStaticLabels(new Dictionary<string, string> { ["shard"] = shard.ToString() });
        }

        var f = Metrics.WithCustomRegistry(Registry);
        _eventsRead = f.CreateCounter("shotgun_events_events_read_total", "Event log rows read from the site (main and backlog queries).");
        _delivered = f.CreateCounter("shotgun_events_events_delivered_total", "Events a plugin finished, by outcome.", "plugin", "outcome");
        _skipped = f.CreateCounter("shotgun_events_events_skipped_total",
            "Callback runs skipped by an event scope (the event still counts as handled), by reason: project, user, callback_project, own_write.",
            "plugin", "reason");
        _callbacks = f.CreateCounter("shotgun_events_callbacks_total", "Callback runs, by outcome (ok, error).", "plugin", "outcome");
        _callbackSeconds = f.CreateHistogram("shotgun_events_callback_duration_seconds", "How long callbacks took.",
            new HistogramConfiguration { LabelNames = ["plugin"], Buckets = DurationBuckets });
        _lagEvents = f.CreateGauge("shotgun_events_plugin_lag_events", "Event ids between the site's newest event and the plugin's last one.", "plugin");
        _lagSeconds = f.CreateGauge("shotgun_events_plugin_lag_seconds", "Site seconds between the site's newest event and the plugin's last one.", "plugin");
        _stuck = f.CreateGauge("shotgun_events_plugin_stuck", "1 while a callback of the plugin runs past callback_timeout.", "plugin");
        _detached = f.CreateGauge("shotgun_events_plugin_detached",
            "1 while the plugin is not fed at the head (too slow or stuck) and reads its own way forward.", "plugin");
        _lastPoll = f.CreateGauge("shotgun_events_last_poll_timestamp_seconds", "Unix time of the last successful poll of the site.");
        _siteNewest = f.CreateGauge("shotgun_events_site_latest_event_id", "The site's newest event id, as last seen.");
        _readWindow = f.CreateGauge("shotgun_events_site_reads_in_flight_allowed",
            "How many event-log reads each reader may have in flight now (max_parallel_reads, halved by a site answering 429 or 5xx).");
        _stateWritable = f.CreateGauge("shotgun_events_state_file_writable", "1 when the last state file write succeeded, 0 when it failed.");
        f.CreateGauge("shotgun_events_build_info", "Always 1; the labels say which build runs.", "version", "runtime")
            .WithLabels(typeof(DaemonMetrics).Assembly.GetName().Version?.ToString() ?? "?", Environment.Version.ToString()).Set(1);
        DotNetStats.Register(Registry);
        _backlog = f.CreateGauge("shotgun_events_plugin_backlog_events", "Missing ids a plugin waits for.", "plugin");
        _plugins = f.CreateGauge("shotgun_events_plugins", "Plugins by state (active, inactive).", "state");
        _pluginActive = f.CreateGauge("shotgun_events_plugin_active", "1 when the plugin takes events, 0 when it is inactive.", "plugin");
        _reloads = f.CreateCounter("shotgun_events_plugin_reloads_total", "Loads swapped in after the first (failed ones included).", "plugin");
        _compileErrors = f.CreateGauge("shotgun_events_plugin_compile_errors", "Compiler errors of the plugin's current load.", "plugin");
        _siteSeconds = f.CreateHistogram("shotgun_events_site_request_duration_seconds", "HTTP requests to the site, by status code.",
            new HistogramConfiguration { LabelNames = ["status"], Buckets = DurationBuckets });
        _siteFailures = f.CreateCounter("shotgun_events_site_request_failures_total",
            "Failed HTTP requests to the site, by kind (timeout, connection_error, a status code...).", "kind");
        _polls = f.CreateCounter("shotgun_events_polls_total", "Main event log queries.");
        _rings = f.CreateCounter("shotgun_events_webhook_wakeups_total", "Valid webhook deliveries (each wakes the poller).");
        _checkpointSeconds = f.CreateHistogram("shotgun_events_checkpoint_duration_seconds", "How long each state file write took (fsyncs included).",
            new HistogramConfiguration { Buckets = DurationBuckets });

        surface.History.Observed += OnCallback;
        Registry.AddBeforeCollectCallback(Refresh);
        ListenToSiteRequests();
    }

    /// <summary>The registry <c>GET /metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    public void Dispose() => _http.Dispose();

    private void OnCallback(CallbackTiming timing)
    {
        _callbackSeconds.WithLabels(timing.PluginName).Observe(timing.Duration.TotalSeconds);
        _callbacks.WithLabels(timing.PluginName, timing.Error ? "error" : "ok").Inc();
    }

    private void Refresh()
    {
        var engine = _surface.Engine;
        // The engine makes its writer when it starts, after this collector exists.
        if (!_observingWriter && engine.Writer is { } writer)
        {
            _observingWriter = true;
            writer.Written += elapsed => _checkpointSeconds.Observe(elapsed.TotalSeconds);
        }

        _eventsRead.IncTo(engine.EventsRead);
        _rings.IncTo(_surface.Rings);
        var poller = engine.Poller;
        var site = poller?.SiteHead;
        if (poller is not null)
        {
            _polls.IncTo(poller.PollCount);
            var sinceLastPoll = _surface.Time.GetElapsedTime(poller.LastSuccess);
            _lastPoll.Set((_surface.Time.GetUtcNow() - sinceLastPoll).ToUnixTimeMilliseconds() / 1000.0);
        }

        if (site is not null)
        {
            _siteNewest.Set(site.Id);
        }

        _stateWritable.Set(engine.Writer?.LastResult.Written == false ? 0 : 1);
        _readWindow.Set(engine.ReadWindowSize);
        var deliveries = engine.Registry.Current;
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var delivery in deliveries)
        {
            var plugin = delivery.Plugin;
            var name = plugin.Name;
            var progress = delivery.Progress;
            current.Add(name);
            _delivered.WithLabels(name, "handled").IncTo(progress.Handled);
            foreach (var reason in SkipCounters.Reasons)
            {
                _skipped.WithLabels(name, SkipCounters.Label(reason)).IncTo(plugin.Skips[reason]);
            }

            _pluginActive.WithLabels(name).Set(plugin.IsActive ? 1 : 0);
            _stuck.WithLabels(name).Set(plugin.IsStuck ? 1 : 0);
            _detached.WithLabels(name).Set(delivery.ReportedMode is DeliveryMode.Detached or DeliveryMode.Joining ? 1 : 0);
            _backlog.WithLabels(name).Set(progress.State.Backlog.Count);
            _reloads.WithLabels(name).IncTo(Math.Max(0, plugin.Generation - 1));
            _compileErrors.WithLabels(name).Set(plugin.Diagnostics.Count(d => d.IsError));
            if (site is not null && progress.State.LastEventId is { } last)
            {
                _lagEvents.WithLabels(name).Set(Math.Max(0, site.Id - last));
            }

            if (StatusReport.LagSeconds(site?.CreatedAt, progress.LastCreatedAt) is { } seconds)
            {
                _lagSeconds.WithLabels(name).Set(seconds);
            }
        }

        // A plugin whose file was removed leaves no stale gauges behind.
        foreach (var gone in _seenPlugins.Where(p => !current.Contains(p)).ToArray())
        {
            _pluginActive.RemoveLabelled(gone);
            _stuck.RemoveLabelled(gone);
            _detached.RemoveLabelled(gone);
            _backlog.RemoveLabelled(gone);
            _lagEvents.RemoveLabelled(gone);
            _lagSeconds.RemoveLabelled(gone);
            _compileErrors.RemoveLabelled(gone);
            _seenPlugins.Remove(gone);
        }

        _seenPlugins.UnionWith(current);
        var active = deliveries.Count(d => d.Plugin.IsActive);
        _plugins.WithLabels("active").Set(active);
        _plugins.WithLabels("inactive").Set(deliveries.Count - active);
    }

    private void ListenToSiteRequests()
    {
        var site = _surface.SiteUri;
        if (site is null)
        {
            return;
        }

        _http.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _http.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            string? host = null;
            int? port = null;
            string? status = null;
            string? error = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "server.address": host = tag.Value as string; break;
                    case "server.port": port = tag.Value as int?; break;
                    case "http.response.status_code": status = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture); break;
                    case "error.type": error = tag.Value as string; break;
                }
            }

            // One process may hold several daemons (tests) or talk to other hosts (mail, plugins' own calls).
            if (!string.Equals(host, site.Host, StringComparison.OrdinalIgnoreCase) || port != site.Port)
            {
                return;
            }

            _siteSeconds.WithLabels(status ?? "none").Observe(seconds);
            if (error is not null)
            {
                _siteFailures.WithLabels(error).Inc();
            }
        });
        _http.Start();
    }
}
