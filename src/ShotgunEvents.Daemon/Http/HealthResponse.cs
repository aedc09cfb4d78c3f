using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Daemon.Http;

/// <summary>The JSON body of <c>/healthz</c> and <c>/readyz</c>: the overall status and each check with its reason.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var checks = new JArray(report.Entries.Select(e => new JObject
        {
            ["name"] = e.Key,
            ["status"] = e.Value.Status.ToString().ToLowerInvariant(),
            ["description"] = e.Value.Description,
        }));
        var body = new JObject { ["status"] = report.Status.ToString().ToLowerInvariant(), ["checks"] = checks };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToString());
    }
}
