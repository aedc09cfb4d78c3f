using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShotgunEvents.Tests.Client.Support;

/// <summary>
/// A minimal HTTP/1.1 server on loopback that records every request and answers with canned bodies. It stands in
/// for a site (or a proxy) where a test must see the exact bytes the client sends, which the emulator does not expose.
/// </summary>
internal sealed class RecordingSite : IAsyncDisposable
{
    public const string InfoReply = """{"version":[8,50,0],"full_version":[8,50,0,0],"user_authentication_method":"default","api_max_entities_per_page":500}""";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RecordedRequest, CannedResponse> _respond;
    private readonly Task _acceptLoop;

    public RecordingSite(Func<RecordedRequest, CannedResponse> respond)
    {
        _respond = respond;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    /// <summary>The api3 calls received, <c>info</c> left out.</summary>
    public IReadOnlyList<RecordedRequest> Calls => Requests.Where(r => r.MethodName != "info").ToArray();

    /// <summary>A site whose <c>info</c> is <paramref name="info"/> and which answers every other call with <paramref name="respond"/>.</summary>
    public static RecordingSite WithInfo(Func<RecordedRequest, CannedResponse> respond, string info = InfoReply) =>
        new(request => request.MethodName == "info" ? CannedResponse.Json(info) : respond(request));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var request = await ReadRequestAsync(stream, buffer);
                    if (request is null)
                    {
                        return;
                    }

                    Requests.Enqueue(request);
                    await WriteResponseAsync(stream, _respond(request));
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away.
            }
        }
    }

    private async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream, List<byte> buffer)
    {
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            if (!await FillAsync(stream, buffer))
            {
                return null;
            }
        }

        var head = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        buffer.RemoveRange(0, headerEnd + 4);
        var requestLine = head[0].Split(' ');
        var headers = head.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        while (buffer.Count < length)
        {
            if (!await FillAsync(stream, buffer))
            {
                return null;
            }
        }

        var body = Encoding.UTF8.GetString(buffer.GetRange(0, length).ToArray());
        buffer.RemoveRange(0, length);
        return new RecordedRequest(requestLine[0], requestLine[1], headers, body);
    }

    private async Task<bool> FillAsync(NetworkStream stream, List<byte> buffer)
    {
        var chunk = new byte[8192];
        var read = await stream.ReadAsync(chunk, _stop.Token);
        buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        return read > 0;
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private async Task WriteResponseAsync(NetworkStream stream, CannedResponse response)
    {
        var body = Encoding.UTF8.GetBytes(response.Body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} Canned\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
        await stream.WriteAsync(body, _stop.Token);
    }
}
