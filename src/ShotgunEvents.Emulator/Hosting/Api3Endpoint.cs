using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Api3;
using ShotgunEvents.Emulator.Faults;

namespace ShotgunEvents.Emulator.Hosting;

/// <summary><c>POST /api3/json</c>: applies any injected fault, then dispatches the JSON-RPC request.</summary>
internal sealed class Api3Endpoint(EmulatorStore store, FaultInjector faults, TimeProvider time, ILogger logger, CancellationToken stopping)
{
    private const string MalformedBody = "{\"results\": {\"entities\": [{\"type\": \"EventLogEntry\", \"id\": 1, \"event_type\": \"Shotgun_";

    private readonly Api3Dispatcher _dispatcher = new(store);

    public async Task HandleAsync(HttpContext context)
    {
        JObject? request;
        try
        {
            request = await JsonResponses.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false) as JObject;
        }
        catch (JsonException ex)
        {
            faults.TakeFor(authenticated: false);
            await JsonResponses.WriteAsync(context, Api3Dispatcher.Error(ErrorCodes.InvalidParameters, $"The request body is not valid JSON: {ex.Message}")).ConfigureAwait(false);
            return;
        }

        var method = request?.Value<string?>("method_name");
        using var latencyWait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        // The timer starts before the call is counted, so a test that sees the count knows the site clock is running for it.
        var latency = StartLatency(latencyWait.Token);
        var fault = faults.TakeFor(authenticated: method is not "info");
        if (!await EndLatencyAsync(latency, context).ConfigureAwait(false))
        {
            return;
        }

        if (fault is not null && !await ApplyAsync(fault, context).ConfigureAwait(false))
        {
            return;
        }

        if (request is null)
        {
            await JsonResponses.WriteAsync(context, Api3Dispatcher.Error(ErrorCodes.InvalidParameters, "The request body must be {\"method_name\", \"params\"}.")).ConfigureAwait(false);
            return;
        }

        using var reply = ReplyBuffers.Manager.GetStream(method);
        try
        {
            _dispatcher.Dispatch(request, reply);
        }
#pragma warning disable CA1031 // A bug in the emulator must become an HTTP 500, as a broken site answers, not a dropped connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "api3 {Method} failed inside the emulator", method);
            await JsonResponses.WriteTextAsync(context, StatusCodes.Status500InternalServerError, "text/plain; charset=utf-8",
                $"Internal error in the emulator while running {method}: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return;
        }

        await JsonResponses.WriteStreamAsync(context, reply).ConfigureAwait(false);
    }

    /// <summary>
    /// The site's answer time. Each call awaits its own timer (no lock, no queue), so concurrent calls wait side by side.
    /// </summary>
    private Task StartLatency(CancellationToken cancellationToken)
    {
        var latency = faults.NextLatency();
        return latency <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(latency, time, cancellationToken);
    }

    /// <summary>Waits out the call's latency; false when the caller gave up or the server is stopping meanwhile.</summary>
    private static async Task<bool> EndLatencyAsync(Task latency, HttpContext context)
    {
        try
        {
            await latency.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }

    /// <summary>Applies a fault; true when the call goes on to a normal answer afterwards (a hang).</summary>
    private async Task<bool> ApplyAsync(HttpFault fault, HttpContext context)
    {
        switch (fault.Kind)
        {
            case FaultKind.Hang:
                // The hang ends early when the caller gives up or the server stops (a stop must not wait out a long hang).
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(fault.Duration, time, hang.Token).ConfigureAwait(false);
                        return true;
                    }
                    catch (OperationCanceledException)
                    {
                        context.Abort();
                        return false;
                    }
                }

            case FaultKind.Reset:
                context.Abort();
                return false;
            case FaultKind.Malformed:
                await JsonResponses.WriteTextAsync(context, StatusCodes.Status200OK, "application/json; charset=utf-8", MalformedBody).ConfigureAwait(false);
                return false;
            case FaultKind.AuthFail:
                await JsonResponses.WriteAsync(context, Api3Dispatcher.Error(ErrorCodes.Authentication,
                    "Authentication failed: the session has expired. Please log in again.")).ConfigureAwait(false);
                return false;
            default:
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await WriteFailureAsync(context, fault.Status).ConfigureAwait(false);
                return false;
        }
    }

    private static Task WriteFailureAsync(HttpContext context, int status) => status == StatusCodes.Status429TooManyRequests
        ? JsonResponses.WriteAsync(context, new JObject
        {
            ["errors"] = new JArray(new JObject { ["status"] = 429, ["code"] = 429, ["title"] = "Too Many Requests", ["detail"] = "Rate limit exceeded (injected by the emulator)." }),
        }, status)
        : JsonResponses.WriteTextAsync(context, status, "text/html; charset=utf-8",
            $"<html><head><title>{status} {ReasonPhrases.GetReasonPhrase(status)}</title></head><body><h1>{status} {ReasonPhrases.GetReasonPhrase(status)}</h1><p>Injected by the ShotgunEvents emulator.</p></body></html>");
}
