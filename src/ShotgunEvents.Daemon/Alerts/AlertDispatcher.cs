using System.Threading.Channels;
using NLog;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Alerts;

/// <summary>
/// Mails ERROR and CRITICAL alerts off the event path. Alerts come in through a bounded queue (never blocking the
/// logger); one background loop routes each to its recipients (the defaults, or what the plugin's <c>SetEmails</c>
/// chose) and mails them under two limits:
/// <list type="bullet">
/// <item>per set of recipients, the first alert goes at once, and the ones after it within
/// <see cref="EmailAlertOptions.DigestInterval"/> are collected into one digest mail;</item>
/// <item>over everything, at most <see cref="EmailAlertOptions.MaxMailsPerHour"/> mails in any hour.</item>
/// </list>
/// A failed send is logged locally (on <see cref="LoggerNames.Alerts"/>, which is never mailed) and its alerts wait
/// for the next digest.
/// </summary>
internal sealed class AlertDispatcher : IAsyncDisposable
{
    private readonly Channel<MailAlert> _queue;
    private readonly Func<string, IReadOnlyList<string>?>? _pluginRecipients;
    private readonly TimeProvider _time;
    private readonly Logger _log;
    private readonly SmtpMailSender _sender;
    private readonly AlertMailComposer _composer;
    private readonly HourlyMailBudget _budget;
    private readonly IReadOnlyList<string> _defaultRecipients;
    private readonly Dictionary<string, AlertStream> _streams = new(StringComparer.Ordinal);
    private readonly HashSet<string> _badAddressesReported = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _startGate = new();
    private Task? _loop;
    private long _dropped;
    private long _routed;
    private long _suppressed;
    private long _mailsSent;
    private long _sendFailures;
    private int _pending;
    private int _disposed;

    /// <summary>Creates the dispatcher; <see cref="Start"/> begins sending.</summary>
    /// <param name="options">The mail settings; must be enabled and valid.</param>
    /// <param name="pluginRecipients">
    /// A plugin's choice from <c>SetEmails</c>: null = the default recipients, empty = no mail, a list = those
    /// addresses. Asked for every alert, so a reloaded plugin's new choice applies at once. Null: defaults for all.
    /// </param>
    /// <param name="time">The clock of the rate limits.</param>
    /// <param name="factory">The log factory whose <see cref="LoggerNames.Alerts"/> logger reports SMTP failures.</param>
    /// <exception cref="ArgumentException">The options are disabled or invalid; the message lists every problem.</exception>
    public AlertDispatcher(EmailAlertOptions options, Func<string, IReadOnlyList<string>?>? pluginRecipients = null,
        TimeProvider? time = null, LogFactory? factory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            throw new ArgumentException("Mail alerts are disabled ([emails] enabled = false); create no dispatcher.", nameof(options));
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        // The SMTP password is a secret like the script keys: nothing may print it.
        SecretMasker.Register(options.Password);
        Options = options;
        _pluginRecipients = pluginRecipients;
        _time = time ?? TimeProvider.System;
        _log = (factory ?? LogManager.LogFactory).GetLogger(LoggerNames.Alerts);
        _sender = new SmtpMailSender(options);
        _composer = new AlertMailComposer(options);
        _budget = new HourlyMailBudget(options.MaxMailsPerHour);
        _defaultRecipients = Normalize(options.To);
        _queue = Channel.CreateBounded<MailAlert>(new BoundedChannelOptions(Math.Max(1, options.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The settings in use.</summary>
    public EmailAlertOptions Options { get; }

    /// <summary>Alerts taken off the queue and routed (to a stream, or suppressed by an empty <c>SetEmails</c>).</summary>
    internal long Routed => Interlocked.Read(ref _routed);

    /// <summary>Alerts not mailed because their plugin chose no recipients.</summary>
    internal long Suppressed => Interlocked.Read(ref _suppressed);

    /// <summary>Alerts lost because the queue was full.</summary>
    internal long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Mails the SMTP server accepted.</summary>
    internal long MailsSent => Interlocked.Read(ref _mailsSent);

    /// <summary>Sends that failed.</summary>
    internal long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Alerts waiting for their next mail, over all recipients.</summary>
    internal int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues an alert; never blocks. False when the queue is full (the alert is counted as dropped) or stopped.</summary>
    public bool TryEnqueue(MailAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (_queue.Writer.TryWrite(alert))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Starts the background loop. Safe to call again.</summary>
    public void Start()
    {
        lock (_startGate)
        {
            _loop ??= Task.Run(() => RunAsync(_abort.Token));
        }
    }

    /// <summary>
    /// Stops taking alerts and mails what is waiting, once per set of recipients, ignoring the digest interval and
    /// the hourly cap (a crash report is worth one more mail). <paramref name="cancellationToken"/> abandons that.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        Start();
        using var registration = cancellationToken.Register(() => _abort.Cancel());
        await _loop!.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(Options.Timeout + Options.Timeout);
        await StopAsync(timeout.Token).ConfigureAwait(false);
        _abort.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        Task<bool>? waitForAlert = null;
        try
        {
            while (true)
            {
                while (_queue.Reader.TryRead(out var alert))
                {
                    var stream = Route(alert);
                    if (stream is not null)
                    {
                        // The first alert after a quiet spell goes out on its own, at once.
                        await SendIfDueAsync(stream, cancellationToken).ConfigureAwait(false);
                    }
                }

                foreach (var stream in _streams.Values.Where(s => s.PendingCount > 0).OrderBy(s => s.Span.First).ToList())
                {
                    await SendIfDueAsync(stream, cancellationToken).ConfigureAwait(false);
                }

                waitForAlert ??= _queue.Reader.WaitToReadAsync(cancellationToken).AsTask();
                var wakeAt = NextWakeUp();
                if (wakeAt is null)
                {
                    if (!await waitForAlert.ConfigureAwait(false))
                    {
                        break;
                    }

                    waitForAlert = null;
                    continue;
                }

                var delay = wakeAt.Value - _time.GetUtcNow();
                if (delay <= TimeSpan.Zero)
                {
                    continue;
                }

                using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var timer = Task.Delay(delay, _time, stopDelay.Token);
                if (await Task.WhenAny(waitForAlert, timer).ConfigureAwait(false) == waitForAlert)
                {
                    await stopDelay.CancelAsync().ConfigureAwait(false);
                    if (!await waitForAlert.ConfigureAwait(false))
                    {
                        break;
                    }

                    waitForAlert = null;
                }
            }

            await FlushAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (Pending > 0)
            {
                _log.Warn("Stopped with {Count} alert(s) not mailed.", Pending);
            }
        }
    }

    /// <summary>Puts the alert in its recipients' stream; null when its plugin asked for no mail.</summary>
    private AlertStream? Route(MailAlert alert)
    {
        Interlocked.Increment(ref _routed);
        var recipients = RecipientsFor(alert.PluginName);
        if (recipients.Count == 0)
        {
            Interlocked.Increment(ref _suppressed);
            return null;
        }

        var key = string.Join(",", recipients);
        if (!_streams.TryGetValue(key, out var stream))
        {
            stream = new AlertStream(recipients, Options.MaxMessagesPerDigest);
            _streams.Add(key, stream);
        }

        stream.Add(alert);
        Interlocked.Increment(ref _pending);
        return stream;
    }

    private IReadOnlyList<string> RecipientsFor(string? pluginName)
    {
        if (pluginName is null || _pluginRecipients is null)
        {
            return _defaultRecipients;
        }

        IReadOnlyList<string>? chosen;
        try
        {
            chosen = _pluginRecipients(pluginName);
        }
        catch (Exception ex)
        {
            _log.Warn(ex, "Could not read the mail recipients of plugin {Plugin:l}; using the default recipients.", pluginName);
            return _defaultRecipients;
        }

        if (chosen is null)
        {
            return _defaultRecipients;
        }

        var valid = new List<string>();
        foreach (var address in chosen)
        {
            if (EmailAlertOptions.IsEmailAddress(address))
            {
                valid.Add(address!.Trim());
            }
            else if (_badAddressesReported.Add(address ?? ""))
            {
                _log.Warn("Plugin {Plugin:l} chose '{Address:l}' as a mail recipient; that is not an email address, so it gets no mail.",
                    pluginName, address);
            }
        }

        return Normalize(valid);
    }

    private static string[] Normalize(IEnumerable<string> addresses) =>
    [
        .. addresses.Select(a => a.Trim()).Where(a => a.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase),
    ];

    private DateTimeOffset? NextWakeUp()
    {
        DateTimeOffset? next = null;
        var now = _time.GetUtcNow();
        var slot = _budget.NextSlot(now);
        foreach (var stream in _streams.Values)
        {
            if (stream.PendingCount == 0)
            {
                continue;
            }

            var due = stream.DueAt(Options.DigestInterval);
            var at = due > slot ? due : slot;
            next = next is null || at < next ? at : next;
        }

        return next;
    }

    private async Task SendIfDueAsync(AlertStream stream, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (stream.PendingCount == 0 || now < stream.DueAt(Options.DigestInterval) || !_budget.HasRoom(now))
        {
            return;
        }

        await SendAsync(stream, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        foreach (var stream in _streams.Values.Where(s => s.PendingCount > 0).ToList())
        {
            await SendAsync(stream, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(AlertStream stream, DateTimeOffset now, CancellationToken cancellationToken)
    {
        stream.LastAttempt = now;
        var dropped = Interlocked.Read(ref _dropped);
        try
        {
            var message = _composer.Compose(stream, dropped, now);
            await _sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _sendFailures);
            _log.Error("Could not send an alert mail to {Recipients:l} through {Server:l}:{Port}: {Reason:l} ({Count} alert(s) kept for the next try in {Interval}).",
                string.Join(", ", stream.Recipients), Options.Server, Options.Port, ex.Message, stream.PendingCount,
                Options.DigestInterval);
            return;
        }

        _budget.Record(now);
        Interlocked.Increment(ref _mailsSent);
        Interlocked.Add(ref _dropped, -dropped);
        Interlocked.Add(ref _pending, -stream.PendingCount);
        stream.Clear();
    }
}
