using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ShotgunEvents.Tests.Emulator.Support;

/// <summary>A real loopback HTTP receiver (Kestrel, port 0) that records every POST: headers and raw body.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly Func<int, int> _status;
    private readonly bool _hang;
    private int _count;

    private WebhookReceiver(WebApplication app, Func<int, int> status, bool hang)
    {
        _app = app;
        _status = status;
        _hang = hang;
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>Starts a receiver; <paramref name="status"/> picks the answer for the n-th request (1-based); <paramref name="hang"/> never answers.</summary>
    public static async Task<WebhookReceiver> StartAsync(Func<int, int>? status = null, bool hang = false)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, status ?? (_ => 200), hang);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        receiver.Url = new Uri(new Uri(address), "/webhook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var n = Interlocked.Increment(ref _count);
        _received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path, headers, buffer.ToArray()));
        if (_hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        context.Response.StatusCode = _status(n);
    }
}
