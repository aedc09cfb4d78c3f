using System.Diagnostics;

namespace ShotgunEvents.Tests.Daemon.Http;

/// <summary>
/// Debian's chromium, headless: loads a page, lets its scripts run for a (virtual) while, and returns the DOM. Installed
/// by the test set-up when missing and apt is there as root; otherwise <see cref="Missing"/> says what is missing.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly Lazy<string?> Path = new(Find);

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? Missing => Path.Value is null
        ? "chromium is not installed and could not be installed (apt-get install chromium needs root and Debian's package sources)"
        : null;

    public static async Task<string> DumpDomAsync(Uri page, TimeSpan scriptTime, CancellationToken cancellationToken)
    {
        var chromium = Path.Value ?? throw new InvalidOperationException(Missing);
        var profile = Directory.CreateTempSubdirectory("sge-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                $"--user-data-dir={profile.FullName}", $"--virtual-time-budget={(int)scriptTime.TotalMilliseconds}", "--dump-dom", page.ToString(),
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var dom = await stdout;
            return process.ExitCode == 0 && dom.Length > 0
                ? dom
                : throw new InvalidOperationException($"chromium exited {process.ExitCode}: {await stderr}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string? Find()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            return null;
        }

        // The test set-up installs the browser once per machine; a failed install leaves the tests skipped.
        try
        {
            using var install = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "apt-get install -y chromium || (apt-get update && apt-get install -y chromium)"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
            });
            if (install is null)
            {
                return null;
            }

            _ = install.StandardOutput.ReadToEndAsync();
            _ = install.StandardError.ReadToEndAsync();
            if (!install.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                install.Kill(entireProcessTree: true);
                return null;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }
}
