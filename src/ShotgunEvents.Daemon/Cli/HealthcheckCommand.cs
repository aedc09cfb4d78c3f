using System.Net;
using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Daemon.Cli;

/// <summary>
/// <c>healthcheck [--ready] [--url URL]</c>: GET <c>/healthz</c> (or <c>/readyz</c>) of the daemon's own listener, found
/// from <c>[http] listen</c>, so a container's HEALTHCHECK follows the config instead of a port written into the image,
/// and needs no shell or curl. With no listener configured there is nothing to ask: it says so and passes (the
/// container lives as long as the daemon process).
/// </summary>
internal static class HealthcheckCommand
{
    public static async Task<int> RunAsync(HealthcheckOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        Uri baseUri;
        if (!string.IsNullOrWhiteSpace(options.Url))
        {
            baseUri = Uri.TryCreate(options.Url, UriKind.Absolute, out var given) && given.Scheme is "http" or "https"
                ? given
                : throw new UserErrorException($"--url '{options.Url}' is not an http(s) address.");
        }
        else
        {
            var settings = SettingsLoader.Load(options.Config);
            if (settings.Http.Listen is not { } listen)
            {
                output.WriteLine($"No [http] listen in {settings.ConfigPath}: nothing to ask; counted healthy.");
                return ExitCodes.Ok;
            }

            baseUri = AddressOf(listen)
                ?? throw new UserErrorException($"[http] listen = {listen} picks a free port at start; pass --url with the port the daemon logged.");
        }

        var target = new Uri(baseUri, options.Ready ? "/readyz" : "/healthz");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)) };
        try
        {
            using var response = await client.GetAsync(target).ConfigureAwait(false);
            output.WriteLine($"GET {target}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.StatusCode == HttpStatusCode.OK ? ExitCodes.Ok : ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            output.WriteLine($"GET {target}: no answer ({(ex is TaskCanceledException ? $"none within {options.TimeoutSeconds} s" : ex.Message)})");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Where a client on this host reaches <paramref name="listen"/>: the wildcard addresses are asked on loopback;
    /// null for port 0, which only the daemon knows once bound.
    /// </summary>
    public static Uri? AddressOf(IPEndPoint listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (listen.Port == 0)
        {
            return null;
        }

        var address = listen.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : listen.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : listen.Address;
        return new Uri($"http://{new IPEndPoint(address, listen.Port)}/");
    }
}
