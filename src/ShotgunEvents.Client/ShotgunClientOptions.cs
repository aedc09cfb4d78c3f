using System.Globalization;
using ShotgunEvents.Client.Transport;

namespace ShotgunEvents.Client;

/// <summary>
/// How a <see cref="ShotgunConnectionPool"/> reaches a site: its address, per-attempt timeout, retries and proxy.
/// Checked when the pool is created; every problem is reported at once, naming the option.
/// </summary>
public sealed class ShotgunClientOptions
{
    /// <summary>The Polly limits on a timeout.</summary>
    internal static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The Polly limits on a timeout.</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>The site, for example <c>https://mystudio.shotgrid.autodesk.com</c>; calls go to <c>&lt;site&gt;/api3/json</c>.</summary>
    public required string Site { get; init; }

    /// <summary>How long one attempt may take, from sending to the last byte of the answer.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a call is tried again after a connection failure, a timeout, or HTTP 429/502/503/504.</summary>
    /// <value>3 (so at most 4 attempts). 0 disables retries.</value>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first back-off delay; later ones grow exponentially, with jitter.</summary>
    /// <value>1 second.</value>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off delay between two attempts.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait a <c>Retry-After</c> header can ask for; a longer one is cut to this.</summary>
    /// <value>5 minutes.</value>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// An HTTP proxy: <c>http://host:port</c>, <c>host:port</c> (port 8080 when omitted), optionally with
    /// <c>user:password@</c>. Null uses the system proxy settings (the <c>HTTPS_PROXY</c> environment variables).
    /// </summary>
    public string? Proxy { get; init; }

    /// <summary>The clock for back-off delays and timeouts; tests pass a fake one.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called before each retry, for logging. Must be quick and must not throw.</summary>
    public Action<ShotgunRetryNotice>? OnRetry { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"site {Site}, timeout {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, {MaxRetries} retries" +
        (Proxy is null ? string.Empty : $", proxy {ProxyAddress.Describe(Proxy)}");

    /// <summary>Checks every option and returns the parsed parts.</summary>
    /// <returns>The endpoint and proxy.</returns>
    /// <exception cref="ArgumentException">One or more options are invalid; the message lists them all.</exception>
    internal (Uri Endpoint, ProxyAddress? Proxy) Validate()
    {
        var problems = new List<string>();
        var endpoint = ParseSite(problems);
        ProxyAddress? proxy = null;
        if (Proxy is not null && !ProxyAddress.TryParse(Proxy, out proxy, out var proxyProblem))
        {
            problems.Add($"Proxy {proxyProblem}");
        }

        if (Timeout < MinTimeout || Timeout > MaxTimeout)
        {
            problems.Add($"Timeout must be between 10 ms and 1 day; got {Timeout}.");
        }

        if (MaxRetries is < 0 or > 100)
        {
            problems.Add($"MaxRetries must be between 0 and 100; got {MaxRetries}.");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > MaxTimeout)
        {
            problems.Add($"RetryDelay must be between 0 and 1 day; got {RetryDelay}.");
        }

        if (MaxRetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            problems.Add($"MaxRetryDelay must be positive and at least RetryDelay ({RetryDelay}); got {MaxRetryDelay}.");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            problems.Add($"MaxRetryAfter must not be negative; got {MaxRetryAfter}.");
        }

        if (TimeProvider is null)
        {
            problems.Add("TimeProvider must not be null.");
        }

        return problems.Count == 0
            ? (endpoint!, proxy)
            : throw new ArgumentException("Invalid Shotgun client options: " + string.Join(" ", problems));
    }

    private Uri? ParseSite(List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(Site))
        {
            problems.Add("Site is empty; give the site address, for example https://mystudio.shotgrid.autodesk.com.");
            return null;
        }

        if (!Uri.TryCreate(Site.Trim(), UriKind.Absolute, out var site) || (site.Scheme != Uri.UriSchemeHttp && site.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"Site must be an http:// or https:// address; got '{Site}'.");
            return null;
        }

        if (site.UserInfo.Length > 0)
        {
            // Never echo the address here: the user part may hold a password.
            problems.Add("Site must not carry a user name or password; use script or user credentials instead.");
            return null;
        }

        if (site.Query.Length > 0 || site.Fragment.Length > 0)
        {
            problems.Add($"Site must not have a query or fragment; got '{Site}'.");
            return null;
        }

        // A path prefix is kept: https://host/prefix -> https://host/prefix/api3/json.
        var withSlash = site.AbsoluteUri.EndsWith('/') ? site : new Uri(site.AbsoluteUri + "/");
        return new Uri(withSlash, "api3/json");
    }
}
