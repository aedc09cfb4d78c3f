using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ShotgunEvents.Tests.Daemon.Alerts;

/// <summary>
/// A small real SMTP server on 127.0.0.1: enough ESMTP for MailKit (EHLO/HELO, STARTTLS, AUTH PLAIN and LOGIN,
/// MAIL/RCPT/DATA, RSET/NOOP/QUIT), optionally TLS from the first byte (SMTPS). It keeps every mail it accepts.
/// </summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2? _certificate;
    private readonly bool _implicitTls;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedMail> _mails = [];
    private readonly Lock _gate = new();
    private readonly Task _acceptLoop;
    private int _connections;

    private TestSmtpServer(X509Certificate2? certificate, bool implicitTls)
    {
        _certificate = certificate;
        _implicitTls = implicitTls;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>When set, each connection waits for it before the greeting (a hung server).</summary>
    public TaskCompletionSource? HoldGreeting { get; set; }

    /// <summary>When true, the greeting is 421 and the connection closes (a server that is down for mail).</summary>
    public bool RejectConnections { get; set; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<ReceivedMail> Mails
    {
        get
        {
            lock (_gate)
            {
                return [.. _mails];
            }
        }
    }

    public int MailCount
    {
        get
        {
            lock (_gate)
            {
                return _mails.Count;
            }
        }
    }

    /// <summary>Plain SMTP; offers STARTTLS when given a certificate.</summary>
    public static TestSmtpServer Start(X509Certificate2? startTlsCertificate = null) => new(startTlsCertificate, implicitTls: false);

    /// <summary>SMTPS: TLS from the first byte.</summary>
    public static TestSmtpServer StartImplicitTls(X509Certificate2 certificate) => new(certificate, implicitTls: true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        HoldGreeting?.TrySetResult();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await ServeAsync(client.GetStream(), _stop.Token);
                    }
                    catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException
                        or System.Security.Authentication.AuthenticationException)
                    {
                        // The client went away or the test ended; nothing to report.
                    }
                }
            });
        }
    }

    private async Task ServeAsync(Stream network, CancellationToken cancellationToken)
    {
        Stream stream = network;
        var tls = false;
        if (_implicitTls)
        {
            stream = await UpgradeAsync(network, cancellationToken);
            tls = true;
        }

        if (HoldGreeting is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        var connection = new SmtpConnection(stream);
        if (RejectConnections)
        {
            await connection.WriteAsync("421 test server: service not available", cancellationToken);
            return;
        }

        await connection.WriteAsync("220 127.0.0.1 test ESMTP", cancellationToken);
        string? authUser = null;
        string? authPassword = null;
        string? from = null;
        var recipients = new List<string>();
        while (true)
        {
            var line = await connection.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return;
            }

            var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    var offerStartTls = _certificate is not null && !_implicitTls && !tls;
                    await connection.WriteAsync("250-127.0.0.1 hello", cancellationToken);
                    if (offerStartTls)
                    {
                        await connection.WriteAsync("250-STARTTLS", cancellationToken);
                    }

                    await connection.WriteAsync("250-AUTH PLAIN LOGIN", cancellationToken);
                    await connection.WriteAsync("250 HELP", cancellationToken);
                    break;
                case "HELO":
                    await connection.WriteAsync("250 127.0.0.1", cancellationToken);
                    break;
                case "STAR" when line.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase) && _certificate is not null && !tls:
                    await connection.WriteAsync("220 ready to start TLS", cancellationToken);
                    stream = await UpgradeAsync(stream, cancellationToken);
                    connection = new SmtpConnection(stream);
                    tls = true;
                    break;
                case "AUTH":
                    (authUser, authPassword) = await AuthenticateAsync(connection, line, cancellationToken);
                    await connection.WriteAsync("235 2.7.0 authenticated", cancellationToken);
                    break;
                case "MAIL":
                    from = Address(line);
                    recipients.Clear();
                    await connection.WriteAsync("250 OK", cancellationToken);
                    break;
                case "RCPT":
                    recipients.Add(Address(line));
                    await connection.WriteAsync("250 OK", cancellationToken);
                    break;
                case "DATA":
                    await connection.WriteAsync("354 end with <CRLF>.<CRLF>", cancellationToken);
                    var data = await connection.ReadDataAsync(cancellationToken);
                    lock (_gate)
                    {
                        _mails.Add(new ReceivedMail(from ?? "", [.. recipients], data, authUser, authPassword, tls));
                    }

                    await connection.WriteAsync("250 OK queued", cancellationToken);
                    break;
                case "RSET":
                case "NOOP":
                    await connection.WriteAsync("250 OK", cancellationToken);
                    break;
                case "QUIT":
                    await connection.WriteAsync("221 bye", cancellationToken);
                    return;
                default:
                    await connection.WriteAsync("502 command not implemented", cancellationToken);
                    break;
            }
        }
    }

    private async Task<Stream> UpgradeAsync(Stream inner, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, cancellationToken);
        return ssl;
    }

    private static async Task<(string User, string Password)> AuthenticateAsync(SmtpConnection connection, string line,
        CancellationToken cancellationToken)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var mechanism = parts.Length > 1 ? parts[1].ToUpperInvariant() : "";
        if (mechanism == "PLAIN")
        {
            var response = parts.Length > 2 ? parts[2] : null;
            if (response is null)
            {
                await connection.WriteAsync("334 ", cancellationToken);
                response = await connection.ReadLineAsync(cancellationToken) ?? "";
            }

            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            return (fields[1], fields[2]);
        }

        await connection.WriteAsync("334 VXNlcm5hbWU6", cancellationToken);
        var user = Encoding.UTF8.GetString(Convert.FromBase64String(await connection.ReadLineAsync(cancellationToken) ?? ""));
        await connection.WriteAsync("334 UGFzc3dvcmQ6", cancellationToken);
        var password = Encoding.UTF8.GetString(Convert.FromBase64String(await connection.ReadLineAsync(cancellationToken) ?? ""));
        return (user, password);
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : "";
    }

    /// <summary>Line-oriented reads and writes; a new one is made after STARTTLS so no plain-text buffer survives it.</summary>
    private sealed class SmtpConnection(Stream stream)
    {
        private readonly StreamReader _reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);

        public async Task WriteAsync(string line, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
            await _reader.ReadLineAsync(cancellationToken);

        public async Task<string> ReadDataAsync(CancellationToken cancellationToken)
        {
            var builder = new StringBuilder();
            while (await _reader.ReadLineAsync(cancellationToken) is { } line && line != ".")
            {
                builder.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
            }

            return builder.ToString();
        }
    }
}
