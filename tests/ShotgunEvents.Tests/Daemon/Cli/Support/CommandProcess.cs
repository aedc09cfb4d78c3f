using System.Diagnostics;
using System.Text;
using ShotgunEvents.Tests.Support;

namespace ShotgunEvents.Tests.Daemon.Cli.Support;

/// <summary>
/// The real <c>shotgun-events</c> command in a child process (<c>dotnet ShotgunEvents.Daemon.dll VERB ...</c>), its
/// stdout and stderr captured line by line. Stopped with <c>kill -TERM</c>, as systemd and supervisor stop it.
/// </summary>
internal sealed class CommandProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Lock _gate = new();

    private CommandProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The daemon's entry assembly, copied next to the tests by the project reference.</summary>
    public static string DaemonDll { get; } = Path.Combine(AppContext.BaseDirectory, "ShotgunEvents.Daemon.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_gate)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Starts the command in <paramref name="workingDirectory"/>, with no config chosen by the environment.</summary>
    public static CommandProcess Start(string workingDirectory, params string[] args) => Start(workingDirectory, null, args);

    /// <summary>Starts the command with extra environment variables.</summary>
    public static CommandProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        // The dotnet that runs the tests (not whichever one PATH finds first).
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DaemonDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("SHOTGUN_EVENTS_CONFIG");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new CommandProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs a command to its end.</summary>
    public static async Task<CommandResult> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return new CommandResult(code, process.Output, process.Error);
    }

    /// <summary>Waits until stdout holds a line that matches, and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, TimeSpan timeout)
    {
        string? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = Output.Split('\n').FirstOrDefault(match);
            return found is not null || HasExited;
        }, what, timeout);
        return found ?? throw new InvalidOperationException(
            $"The command exited ({_process.ExitCode}) before: {what}\nstdout:\n{Output}\nstderr:\n{Error}");
    }

    /// <summary>SIGTERM through kill(1).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The command did not exit within {timeout.TotalSeconds} s.\nstdout:\n{Output}\nstderr:\n{Error}");
        }

        // The asynchronous readers may still hold the last lines; this overload waits for them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.Append(line).Append('\n');
        }
    }
}
