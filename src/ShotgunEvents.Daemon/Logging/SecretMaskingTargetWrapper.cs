using NLog;
using NLog.Common;
using NLog.Targets;
using NLog.Targets.Wrappers;

namespace ShotgunEvents.Daemon.Logging;

/// <summary>
/// The safety net in front of every target: an event whose message, exception or properties contain a registered
/// secret reaches the wrapped target as a copy with the secrets masked. <see cref="LoggingSetup"/> puts one in
/// front of each target of the configuration, whatever nlog.config says, so editing the layout cannot undo it.
/// </summary>
[Target(TypeName, IsWrapper = true)]
internal sealed class SecretMaskingTargetWrapper : WrapperTargetBase
{
    /// <summary>The name of this wrapper in nlog.config.</summary>
    public const string TypeName = "MaskSecrets";

    /// <summary>Creates an unconfigured wrapper (used by nlog.config).</summary>
    public SecretMaskingTargetWrapper()
    {
    }

    /// <summary>Wraps <paramref name="wrappedTarget"/>.</summary>
    public SecretMaskingTargetWrapper(Target wrappedTarget)
    {
        WrappedTarget = wrappedTarget;
        Name = "masked_" + wrappedTarget.Name;
    }

    /// <inheritdoc />
    protected override void Write(AsyncLogEventInfo logEvent) =>
        WrappedTarget!.WriteAsyncLogEvent(logEvent.LogEvent is { } e && NeedsMasking(e)
            ? new AsyncLogEventInfo(Masked(e), logEvent.Continuation)
            : logEvent);

    /// <summary>True when the event carries a registered secret anywhere a layout could render it.</summary>
    internal static bool NeedsMasking(LogEventInfo logEvent)
    {
        if (!SecretMasker.HasSecrets)
        {
            return false;
        }

        if (SecretMasker.ContainsSecret(logEvent.FormattedMessage)
            || (logEvent.Exception is { } ex && SecretMasker.ContainsSecret(ex.ToString())))
        {
            return true;
        }

        if (logEvent.HasProperties)
        {
            foreach (var property in logEvent.Properties)
            {
                if (SecretMasker.ContainsSecret(Convert.ToString(property.Value, System.Globalization.CultureInfo.InvariantCulture)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A copy of the event with every secret masked; its message is final text (no template left).</summary>
    internal static LogEventInfo Masked(LogEventInfo logEvent)
    {
        var exception = logEvent.Exception is { } ex && SecretMasker.ContainsSecret(ex.ToString())
            ? new MaskedException(ex)
            : logEvent.Exception;
        var copy = new LogEventInfo(logEvent.Level, logEvent.LoggerName, SecretMasker.Mask(logEvent.FormattedMessage))
        {
            TimeStamp = logEvent.TimeStamp,
            Exception = exception,
        };
        if (logEvent.HasProperties)
        {
            foreach (var property in logEvent.Properties)
            {
                var text = Convert.ToString(property.Value, System.Globalization.CultureInfo.InvariantCulture);
                copy.Properties[property.Key] = SecretMasker.ContainsSecret(text) ? SecretMasker.Mask(text!) : property.Value;
            }
        }

        return copy;
    }
}
