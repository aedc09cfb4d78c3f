using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShotgunEvents.Daemon.Http;

namespace ShotgunEvents.Daemon.Hosting;

/// <summary>
/// The Generic Host the daemon runs in: the engine as a hosted service, and with <c>[http] listen</c> set, Kestrel in
/// the same host serving <see cref="HttpEndpoints"/>.
/// </summary>
internal static class DaemonHost
{
    /// <summary>The largest request body the listener reads (a webhook batch is a few KB).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static IHost Build(DaemonRuntime runtime, Action<IHostApplicationBuilder> configure)
    {
        var settings = runtime.Settings;
        if (!settings.Http.Enabled)
        {
            var plain = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            AddEngine(plain.Services, runtime);
            configure(plain);
            return plain.Build();
        }

        return BuildWithListener(runtime, configure);
    }

    /// <summary>
    /// The JIT work of <see cref="Build"/> without a host to keep: an empty host built and disposed (no service,
    /// no logging provider; never started, so no signal handler is registered and nothing listens).
    /// </summary>
    public static void WarmUp()
    {
        using var host = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).Build();
    }

    // Its own method, never inlined: the JIT loads ASP.NET Core's assemblies (about 20) only when this body is
    // compiled, so a daemon without [http] listen does not load them on its way to the first poll.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IHost BuildWithListener(DaemonRuntime runtime, Action<IHostApplicationBuilder> configure)
    {
        var settings = runtime.Settings;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.Http.Listen!);
            kestrel.AddServerHeader = false;
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = MaxBodyBytes;
            limits.MaxRequestHeadersTotalSize = 32 * 1024;
            limits.MaxRequestLineSize = 8 * 1024;
            limits.MaxConcurrentConnections = 64;
            // A client that trickles bytes is cut off rather than holding a connection open.
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
            limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));
            limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));
        });
        builder.Services.AddRouting();
        var surface = new HttpSurface(settings, runtime.Engine, runtime.History, runtime.SiteUri, runtime.TimeProvider);
        builder.Services.AddSingleton(surface);
        builder.Services.AddSingleton<DaemonMetrics>();
        builder.Services.AddHealthChecks()
            .AddCheck<PluginsCheck>(PluginsCheck.Name, tags: [HttpEndpoints.ReadyTag])
            .AddCheck<SitePollingCheck>(SitePollingCheck.Name, tags: [HttpEndpoints.ReadyTag])
            .AddCheck<StateFileCheck>(StateFileCheck.Name, tags: [HttpEndpoints.ReadyTag]);
        // The health check service logs an ERROR for every unhealthy probe; ReadinessLog says each change once instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", Microsoft.Extensions.Logging.LogLevel.None);
        AddEngine(builder.Services, runtime);
        configure(builder);

        var app = builder.Build();
        app.UseRouting();
        HttpEndpoints.Map(app, surface, app.Services.GetRequiredService<DaemonMetrics>());
        return app;
    }

    /// <summary>Where the listener is bound once the host has started (port 0 resolved), or null without one.</summary>
    public static Uri? ListenAddress(IHost host)
    {
        var address = host.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? null : new Uri(address);
    }

    private static void AddEngine(IServiceCollection services, DaemonRuntime runtime)
    {
        services.AddSingleton(runtime.Engine);
        services.AddSingleton<DaemonService>();
        services.AddHostedService(sp => sp.GetRequiredService<DaemonService>());
    }
}
