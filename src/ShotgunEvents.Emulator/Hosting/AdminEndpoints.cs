using System.Globalization;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Hosting;

/// <summary>
/// The admin API under <c>/_emulator/</c>, for loopback callers only: status, faults, seeding and snapshots.
/// Parameters come from the query string or a JSON body (same names).
/// </summary>
internal sealed class AdminEndpoints(EmulatorStore store, FaultInjector faults, Func<string?> snapshotPath)
{
    public const string Prefix = "/_emulator/";

    public async Task HandleAsync(HttpContext context)
    {
        if (!LoopbackGuard.IsLoopback(context.Connection.RemoteIpAddress))
        {
            await JsonResponses.WriteAsync(context, new JObject { ["error"] = "The emulator's admin endpoints answer loopback callers only." }, StatusCodes.Status403Forbidden).ConfigureAwait(false);
            return;
        }

        var route = context.Request.Path.Value![Prefix.Length..].TrimEnd('/');
        if (HttpMethods.IsGet(context.Request.Method) && route is "status" or "faults")
        {
            await JsonResponses.WriteAsync(context, Status()).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await JsonResponses.WriteAsync(context, new JObject { ["error"] = $"Use POST for /_emulator/{route}." }, StatusCodes.Status405MethodNotAllowed).ConfigureAwait(false);
            return;
        }

        try
        {
            var args = await ArgumentsAsync(context).ConfigureAwait(false);
            var reply = await RunAsync(route, args).ConfigureAwait(false);
            await JsonResponses.WriteAsync(context, reply ?? new JObject { ["error"] = $"Unknown admin endpoint /_emulator/{route}." },
                reply is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or InvalidOperationException)
        {
            await JsonResponses.WriteAsync(context, new JObject { ["error"] = ex.Message }, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }
    }

    private async Task<JObject?> RunAsync(string route, JObject args)
    {
        switch (route)
        {
            case "faults/fail":
                faults.FailNext(Int(args, "calls", 1), Int(args, "status", 503), Seconds(args, "retry_after"));
                break;
            case "faults/hang":
                faults.HangNext(Int(args, "calls", 1), Seconds(args, "seconds") ?? throw new ArgumentException("hang needs 'seconds'."));
                break;
            case "faults/reset":
                faults.ResetNext(Int(args, "calls", 1));
                break;
            case "faults/malformed":
                faults.MalformedNext(Int(args, "calls", 1));
                break;
            case "faults/auth-fail":
                faults.AuthFailNext(Int(args, "calls", 1));
                break;
            case "faults/expire-sessions":
                faults.ExpireSessions();
                break;
            case "faults/delay-events":
                faults.DelayNextEvents(Int(args, "ids", 1), Seconds(args, "seconds") ?? throw new ArgumentException("delay-events needs 'seconds'."));
                break;
            case "faults/burn-ids":
                faults.BurnIds(Int(args, "count", 1));
                break;
            case "faults/latency":
                faults.SetLatency(Milliseconds(args, "ms") ?? throw new ArgumentException("latency needs 'ms' (0 turns it off)."),
                    Milliseconds(args, "jitter_ms") ?? TimeSpan.Zero);
                break;
            case "faults/clear":
                faults.Clear();
                break;
            case "seed/events":
                var last = store.SeedEvents(Int(args, "count", 1000));
                return new JObject { ["ok"] = true, ["last_event_id"] = last, ["event_count"] = store.EventCount };
            case "snapshot":
                var path = snapshotPath() ?? throw new InvalidOperationException("This emulator was started without a snapshot path.");
                await store.SaveSnapshotAsync(path).ConfigureAwait(false);
                return new JObject { ["ok"] = true, ["path"] = path };
            default:
                return null;
        }

        var reply = Status();
        reply["ok"] = true;
        return reply;
    }

    private JObject Status() => new()
    {
        ["latest_event_id"] = store.LatestEventId,
        ["event_count"] = store.EventCount,
        ["api3_calls"] = faults.CallCount,
        ["queued_faults"] = JArray.FromObject(faults.Describe()),
        ["latency_ms"] = faults.Latency.TotalMilliseconds,
        ["latency_jitter_ms"] = faults.LatencyJitter.TotalMilliseconds,
    };

    private static async Task<JObject> ArgumentsAsync(HttpContext context)
    {
        var args = await JsonResponses.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false) as JObject ?? [];
        foreach (var (key, value) in context.Request.Query)
        {
            args[key] ??= value.ToString();
        }

        return args;
    }

    private static int Int(JObject args, string name, int fallback) => args[name] switch
    {
        null => fallback,
        { Type: JTokenType.Integer } value => (int)value,
        var value => int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{name}' must be a whole number, got '{value}'."),
    };

    private static TimeSpan? Milliseconds(JObject args, string name) => args[name] switch
    {
        null => null,
        { Type: JTokenType.Integer or JTokenType.Float } value => TimeSpan.FromMilliseconds((double)value),
        var value => double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? TimeSpan.FromMilliseconds(parsed)
            : throw new ArgumentException($"'{name}' must be a number of milliseconds, got '{value}'."),
    };

    private static TimeSpan? Seconds(JObject args, string name) => args[name] switch
    {
        null => null,
        { Type: JTokenType.Integer or JTokenType.Float } value => TimeSpan.FromSeconds((double)value),
        var value => double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? TimeSpan.FromSeconds(parsed)
            : throw new ArgumentException($"'{name}' must be a number of seconds, got '{value}'."),
    };
}
