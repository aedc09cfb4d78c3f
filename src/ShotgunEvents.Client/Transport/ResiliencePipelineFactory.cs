using System.Globalization;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ShotgunEvents.Client.Transport;

/// <summary>
/// Builds the retry-around-timeout pipeline every call goes through: a per-attempt timeout inside, and retries with
/// jittered exponential back-off (or the server's <c>Retry-After</c>) outside. Only failures where the site gave no
/// answer are retried: connection errors, timeouts, HTTP 429/502/503/504. A fault the site answered never is.
/// </summary>
internal static class ResiliencePipelineFactory
{
    /// <summary>The key under which the call's state travels in the Polly context.</summary>
    public static readonly ResiliencePropertyKey<RpcCall> CallKey = new("shotgun.call");

    public static ResiliencePipeline<TReply> Create<TReply>(ShotgunClientOptions options)
        where TReply : IHttpAnswer
    {
        var builder = new ResiliencePipelineBuilder<TReply> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<TReply>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.RetryAfter is { } wait ? Clamp(wait, options.MaxRetryAfter) : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(CallKey, out var call) && (options.OnRetry is not null || call.OnRetry is not null))
                    {
                        var notice = new ShotgunRetryNotice(call.Method, args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome, options.Timeout))
                        {
                            HttpStatus = args.Outcome.Result is { } reply ? (int)reply.Status : null,
                            RetryAfter = args.Outcome.Result?.RetryAfter,
                        };
                        options.OnRetry?.Invoke(notice);
                        call.OnRetry?.Invoke(notice);
                    }

                    return default;
                },
            });
        }

        return builder.AddTimeout(options.Timeout).Build();
    }

    /// <summary>True for a failure where the site gave no usable answer.</summary>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <returns>True to retry.</returns>
    public static bool IsTransient<TReply>(Outcome<TReply> outcome)
        where TReply : IHttpAnswer => outcome.Exception switch
    {
        null => outcome.Result?.IsTransient == true,
        OperationCanceledException => false,
        TimeoutRejectedException or HttpRequestException or IOException or SocketException => true,
        _ => false,
    };

    /// <summary>A short reason for logs, never containing request data.</summary>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <param name="timeout">The per-attempt timeout.</param>
    /// <returns>The reason.</returns>
    public static string Describe<TReply>(Outcome<TReply> outcome, TimeSpan timeout)
        where TReply : IHttpAnswer => outcome.Exception switch
    {
        null => $"HTTP {(int)outcome.Result!.Status}",
        TimeoutRejectedException => $"timed out after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
        { } ex => $"{ex.GetType().Name}: {ex.Message}",
    };

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}
