using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;
using NLog;
using ShotgunEvents.Daemon.Logging;

namespace ShotgunEvents.Daemon.Http;

/// <summary>
/// The routes of the <c>[http]</c> listener. All are reads except <c>POST /webhook</c>, whose only effect is to wake
/// the poller. No answer carries a secret: the status data holds names, ids, times and reasons only.
/// </summary>
internal static class HttpEndpoints
{
    /// <summary>The tag of the checks <c>/readyz</c> runs.</summary>
    public const string ReadyTag = "ready";

    private const string StatusPageResource = "ShotgunEvents.Daemon.Http.status.html";

    private static readonly Lazy<byte[]> StatusPage = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(StatusPageResource)
            ?? throw new InvalidOperationException($"The status page resource {StatusPageResource} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void Map(IEndpointRouteBuilder app, HttpSurface surface, DaemonMetrics metrics)
    {
        // Live: the process answers. No checks, so a slow site never gets a healthy daemon restarted.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = (context, report) =>
            {
                surface.Readiness.Observe(report);
                return HealthResponse.WriteAsync(context, report);
            },
        });

        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });

        app.MapGet("/api/status", context => WriteJsonAsync(context, StatusSnapshot.Build(surface)));
        app.MapGet("/", async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            // The page has no external assets; forbid them outright, so nothing injected could load any either.
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:";
            await context.Response.Body.WriteAsync(StatusPage.Value, context.RequestAborted).ConfigureAwait(false);
        });

        if (surface.Settings.Http.Webhook)
        {
            var rejected = new RateLimitedLog(LogManager.GetLogger(LoggerNames.Engine), surface.Time, TimeSpan.FromMinutes(1));
            app.MapPost("/webhook", context => WebhookAsync(context, surface, rejected));
        }
    }

    private static async Task WebhookAsync(HttpContext context, HttpSurface surface, RateLimitedLog rejected)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            // Over MaxRequestBodySize (413) or too slow (408): Kestrel's own verdict.
            context.Response.StatusCode = ex.StatusCode;
            return;
        }

        var secret = surface.Settings.Http.WebhookSecret;
        if (secret is not null && !WebhookSignature.IsValid(context.Request.Headers[WebhookSignature.Header], body, secret))
        {
            var had = context.Request.Headers.ContainsKey(WebhookSignature.Header) ? "a wrong" : "no";
            rejected.Warn($"Webhook from {context.Connection.RemoteIpAddress} refused: {had} {WebhookSignature.Header} signature (check [http] webhook_secret against the site's webhook).");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await WriteJsonAsync(context, new JObject { ["error"] = "missing or wrong " + WebhookSignature.Header }).ConfigureAwait(false);
            return;
        }

        var deliveries = WebhookPayload.CountDeliveries(body);
        if (deliveries is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteJsonAsync(context, new JObject { ["error"] = "not a ShotGrid webhook body (a JSON object with \"data\")" }).ConfigureAwait(false);
            return;
        }

        surface.Ring();
        await WriteJsonAsync(context, new JObject { ["status"] = "ok", ["deliveries"] = deliveries }).ConfigureAwait(false);
    }

    private static Task WriteJsonAsync(HttpContext context, JObject body)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body.ToString());
    }
}
