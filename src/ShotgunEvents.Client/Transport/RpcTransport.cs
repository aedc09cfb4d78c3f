using System.Globalization;
using System.Net;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Timeout;
using ShotgunEvents.Api;

namespace ShotgunEvents.Client.Transport;

/// <summary>
/// Sends api3 calls (<c>POST &lt;site&gt;/api3/json</c>) through the resilience pipeline and turns the answer into
/// the call's <c>results</c> or a typed error (protocol §2.1 and §2.7). Shared by every connection of a pool.
/// </summary>
internal sealed class RpcTransport
{
    private const int BodySnippetLength = 200;

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<RpcReply> _pipeline;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;

    public RpcTransport(HttpClient http, Uri endpoint, ShotgunClientOptions options)
    {
        _http = http;
        Endpoint = endpoint;
        _pipeline = ResiliencePipelineFactory.Create<RpcReply>(options);
        _timeProvider = options.TimeProvider;
        _timeout = options.Timeout;
    }

    /// <summary>The api3 endpoint, <c>&lt;site&gt;/api3/json</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Runs one api3 call.</summary>
    /// <param name="method">The method name, for example <c>read</c>.</param>
    /// <param name="parameters">The <c>params</c> list: the auth dict (except for <c>info</c>) and the method's parameters.</param>
    /// <param name="scrubber">Removes the caller's secrets from any message.</param>
    /// <param name="cancellationToken">Cancels the call, including back-off waits.</param>
    /// <param name="onRetry">The calling connection's retry observer, if any.</param>
    /// <returns>The <c>results</c> value, or the whole body when it has none (the <c>info</c> reply).</returns>
    public async Task<JToken> CallAsync(string method, JArray parameters, SecretScrubber scrubber, CancellationToken cancellationToken,
        Action<ShotgunRetryNotice>? onRetry = null)
    {
        using var reply = await CallForBodyAsync(method, parameters, scrubber, cancellationToken, onRetry).ConfigureAwait(false);
        return ParseEnvelope(method, reply, scrubber);
    }

    /// <summary>
    /// Runs one api3 call and checks its HTTP status and content type, leaving the body unread: for a reader that
    /// streams it (<see cref="Wire.EventPageReader"/>), with <see cref="ParseEnvelope"/> for what it does not handle.
    /// </summary>
    /// <param name="method">The api3 method name.</param>
    /// <param name="parameters">The <c>params</c> list: the auth dict (except for <c>info</c>) and the method's parameters.</param>
    /// <param name="scrubber">Removes the caller's secrets from any message.</param>
    /// <param name="cancellationToken">Cancels the call, including back-off waits.</param>
    /// <param name="onRetry">The calling connection's retry observer, if any.</param>
    /// <returns>The reply, its status a success and its content JSON; the caller disposes it.</returns>
    public async Task<RpcReply> CallForBodyAsync(string method, JArray parameters, SecretScrubber scrubber, CancellationToken cancellationToken,
        Action<ShotgunRetryNotice>? onRetry = null)
    {
        var body = new JObject { ["method_name"] = method, ["params"] = parameters }.ToString(Formatting.None);
        var call = new RpcCall(method, body, onRetry);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelineFactory.CallKey, call);
        RpcReply reply;
        try
        {
            reply = await _pipeline.ExecuteAsync(
                static (ctx, state) => state.Transport.SendOnceAsync(state.Call, ctx.CancellationToken),
                context,
                (Transport: this, Call: call)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            var seconds = _timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new ShotgunConnectionError(method, call.Attempts, timedOut: true,
                $"The site did not answer {method} within {seconds} s at {Endpoint} ({Attempts(call)}).", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ShotgunConnectionError(method, call.Attempts, timedOut: false,
                scrubber.Scrub($"Could not complete {method} at {Endpoint} ({Attempts(call)}): {ex.Message}"), ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        try
        {
            CheckReply(method, reply, call, scrubber);
        }
        catch
        {
            reply.Dispose();
            throw;
        }

        return reply;
    }

    private async ValueTask<RpcReply> SendOnceAsync(RpcCall call, CancellationToken cancellationToken)
    {
        call.CountAttempt();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(call.Body, Encoding.UTF8, "application/json"),
        };
        // Headers first, then the body straight into pooled memory: letting HttpClient buffer it would put every large
        // page in a fresh large-object-heap array of its own (measured: 86 MB of them in one 200,000-event catch-up).
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = ReplyBuffers.Manager.GetStream(call.Method);
        try
        {
            await response.Content.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            body.Dispose();
            throw;
        }

        return new RpcReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, RetryAfter(response));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _timeProvider.GetUtcNow(),
        _ => null,
    };

    private void CheckReply(string method, RpcReply reply, RpcCall call, SecretScrubber scrubber)
    {
        if ((int)reply.Status >= 300)
        {
            throw new ProtocolError(method, (int)reply.Status, scrubber.Scrub(StatusMessage(method, reply, call, scrubber)));
        }

        if (reply.ContentType is not { } type || !(type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("text/javascript", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ProtocolError(method, null, scrubber.Scrub(
                $"{method} at {Endpoint}: expected a JSON answer, got content type '{reply.ContentType ?? "none"}': {Snippet(reply, scrubber)}"));
        }
    }

    /// <summary>The <c>results</c> of a checked reply (or the whole body when it has none), or the typed error it carries.</summary>
    public JToken ParseEnvelope(string method, RpcReply reply, SecretScrubber scrubber)
    {
        JToken answer;
        try
        {
            using var reader = new JsonTextReader(reply.OpenText()) { DateParseHandling = DateParseHandling.None };
            answer = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException ex)
        {
            throw new ProtocolError(method, null, scrubber.Scrub(
                $"{method} at {Endpoint}: the answer is not valid JSON ({ex.Message}): {Snippet(reply, scrubber)}"), ex);
        }

        if (answer is not JObject envelope)
        {
            throw new ProtocolError(method, null, scrubber.Scrub($"{method} at {Endpoint}: expected a JSON object, got {Snippet(reply, scrubber)}"));
        }

        if (envelope["exception"] is { } exception && IsTruthy(exception))
        {
            var code = envelope["error_code"]?.Type == JTokenType.Integer ? envelope.Value<int>("error_code") : 0;
            var message = scrubber.Scrub(envelope["message"]?.ToString() ?? $"{method} failed with no message (error code {code}).");
            throw code == AuthenticationFault.Code ? new AuthenticationFault(method, message) : new ShotgunFault(method, code, message);
        }

        return envelope.TryGetValue("results", out var results) ? results : envelope;
    }

    private string StatusMessage(string method, RpcReply reply, RpcCall call, SecretScrubber scrubber)
    {
        var status = (int)reply.Status;
        var text = $"{method} at {Endpoint}: HTTP {status} {reply.Status}";
        if (reply.IsTransient)
        {
            text += $" ({Attempts(call)})";
        }

        if (reply.Status == HttpStatusCode.ServiceUnavailable)
        {
            text += "; the site may be down for maintenance";
        }

        return reply.Length > 0 ? $"{text}: {Snippet(reply, scrubber)}" : text;
    }

    private static string Attempts(RpcCall call) => call.Attempts == 1 ? "1 attempt" : $"{call.Attempts} attempts";

    private static bool IsTruthy(JToken token) => token.Type switch
    {
        JTokenType.Boolean => token.Value<bool>(),
        JTokenType.Null or JTokenType.Undefined => false,
        JTokenType.Integer => token.Value<long>() != 0,
        JTokenType.String => token.Value<string>()!.Length > 0,
        _ => true,
    };

    // Scrubbed before it is cut, so a secret echoed across the cut cannot leave its first half behind.
    private static string Snippet(RpcReply reply, SecretScrubber scrubber)
    {
        var text = scrubber.Scrub(reply.Head(64 * 1024));
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= BodySnippetLength ? flat : flat[..BodySnippetLength] + "...";
    }
}
