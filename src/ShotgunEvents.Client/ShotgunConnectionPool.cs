using System.Net;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Client.Transport;
using ShotgunEvents.Client.Wire;

namespace ShotgunEvents.Client;

/// <summary>
/// Everything connections to one site share: one HTTP handler (so TCP and TLS connections are pooled across every
/// plugin's credentials), the retry pipeline and the site's <c>info</c>. The daemon makes one pool and asks it for
/// one <see cref="ShotgunClient"/> per credential pair.
/// </summary>
public sealed class ShotgunConnectionPool : IDisposable
{
    private static readonly string UserAgent = $"shotgun-events/{typeof(ShotgunConnectionPool).Assembly.GetName().Version?.ToString(3) ?? "0"} (api3; .NET)";

    private readonly HttpClient _http;
    private readonly SecretScrubber _scrubber;
    private Task<SiteInfo>? _info;
    private volatile bool _disposed;

    /// <summary>Creates the pool; nothing is sent until the first call.</summary>
    /// <param name="options">The site and transport settings.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names every problem.</exception>
    public ShotgunConnectionPool(ShotgunClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (endpoint, proxy) = options.Validate();
        Options = options;
        Handler = CreateHandler(options, proxy);
        _http = new HttpClient(Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        _scrubber = new SecretScrubber([proxy?.Password]);
        Transport = new RpcTransport(_http, endpoint, options);
        Files = new FileTransfer(_http, endpoint, options);
    }

    /// <summary>The options the pool was made with.</summary>
    public ShotgunClientOptions Options { get; }

    /// <summary>The api3 endpoint, <c>&lt;site&gt;/api3/json</c>.</summary>
    public Uri Endpoint => Transport.Endpoint;

    /// <summary>The one handler every connection of the pool sends through.</summary>
    internal SocketsHttpHandler Handler { get; }

    internal RpcTransport Transport { get; }

    /// <summary>Uploads and downloads, over the same handler and with the same retries.</summary>
    internal FileTransfer Files { get; }

    /// <summary>A connection authenticating with <paramref name="credentials"/>.</summary>
    /// <param name="credentials">Script, user or session-token credentials.</param>
    /// <param name="sessionUuid">The browser session id to stamp on this connection's writes, or null.</param>
    /// <param name="sudoAsLogin">A user login to act as (the script needs the permission), or null.</param>
    /// <returns>The connection; disposing it leaves the pool open.</returns>
    public ShotgunClient Connect(ShotgunCredentials credentials, string? sessionUuid = null, string? sudoAsLogin = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ShotgunClient(this, credentials, ownsPool: false) { SessionUuid = sessionUuid, SudoAsLogin = sudoAsLogin };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _http.Dispose();
        Handler.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"Shotgun connection pool for {Endpoint}";

    /// <summary>The site's info, fetched once on first need; a failed fetch is tried again by the next caller.</summary>
    internal async Task<SiteInfo> GetSiteInfoAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _info);
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            // Fetched without the caller's token: other callers may be waiting on the same task.
            var fresh = FetchInfoAsync();
            current = Interlocked.CompareExchange(ref _info, fresh, current) == current ? fresh : Volatile.Read(ref _info)!;
        }

        return await current.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts fetching the site's info now, in the background, so the first read does not wait for it (the daemon's
    /// start overlaps the HTTP stack's first use and the <c>info</c> round trip with loading its plugins). A failed
    /// fetch is not reported here: a caller that finds it failed fetches again and sees the error itself.
    /// </summary>
    /// <returns>Done when the fetch is over, whether it worked or not (it never faults).</returns>
    public Task PrefetchSiteInfo()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return GetSiteInfoAsync(CancellationToken.None).ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Runs <c>info</c>, which takes no credentials.</summary>
    internal Task<JToken> CallInfoAsync(CancellationToken cancellationToken) =>
        Transport.CallAsync("info", [], _scrubber, cancellationToken);

    internal SecretScrubber ScrubberFor(ShotgunCredentials credentials) => _scrubber.With(credentials.Secrets);

    private async Task<SiteInfo> FetchInfoAsync() => SiteInfo.From(await CallInfoAsync(CancellationToken.None).ConfigureAwait(false));

    private static SocketsHttpHandler CreateHandler(ShotgunClientOptions options, ProxyAddress? proxy)
    {
        var handler = new SocketsHttpHandler
        {
            // Recycle connections now and then so a DNS change of the site is picked up by a daemon that runs for months.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = options.Timeout,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
        };
        if (proxy is not null)
        {
            handler.UseProxy = true;
            handler.Proxy = new WebProxy(proxy.Address) { Credentials = proxy.Credentials, BypassProxyOnLocal = false };
        }

        return handler;
    }
}
