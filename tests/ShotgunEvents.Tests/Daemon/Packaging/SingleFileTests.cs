namespace ShotgunEvents.Tests.Daemon.Packaging;

/// <summary>Single-file publishes: the self-contained binary compiles plugins; the forms that cannot are refused.</summary>
[Collection(PackagingCollection.Name)]
public sealed class SingleFileTests
{
    [PackagingFact]
    public async Task Publish_SingleFileSelfContained_TheBinaryAloneCompilesAndRunsPlugins()
    {
        using var sandbox = new PackagingSandbox();
        var output = sandbox.Path("single");
        await sandbox.DotnetAsync("publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true",
            "-p:PublishReadyToRun=false", "-o", output);
        var binary = Path.Combine(output, "ShotgunEvents.Daemon");
        // Only the binary runs: copied alone, away from the publish folder and from any .NET installation's files.
        var alone = Path.Combine(sandbox.Work, "shotgun-events");
        File.Copy(binary, alone); // keeps the executable bit

        Assert.Equal(0, (await sandbox.RunAsync(alone, "init")).ExitCode);
        File.WriteAllText(Path.Combine(sandbox.Work, "scripts", "uses_more.csx"), """
            #r "System.Xml.XDocument"
            using System.Xml.Linq;

            void registerCallbacks(Registrar reg) =>
                reg.RegisterCallback(OnAny, new MatchEvents { ["*"] = null }, args: new XElement("x", new JObject { ["n"] = 1 }.ToString()));

            void OnAny(IShotgun sg, Logger log, ShotgunEvent e, object? args) =>
                log.Info("{0} {1}", e.Id, System.Text.RegularExpressions.Regex.IsMatch(((XElement)args!).Value, "n"));
            """);
        var check = await sandbox.RunAsync(alone, "check");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("OK: 2 plugin(s) compiled.", check.Output, StringComparison.Ordinal);

        await sandbox.RunUntilAPluginLogsAsync(alone);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Work, "scripts", ".shotgun-events")), "a single file has no assembly files for editors");
    }

    [PackagingTheory]
    [InlineData("-p:PublishAot=true", "cannot be published with PublishAot: plugins are C# compiled at run time")]
    [InlineData("-p:PublishTrimmed=true", "cannot be published with PublishTrimmed: trimming removes the framework members")]
    public async Task Publish_FormThatCannotCompilePlugins_RefusedBeforeBuildingSayingWhy(string form, string why)
    {
        using var sandbox = new PackagingSandbox();

        var (code, output) = await Support.ExternalProcess.RunAsync(Support.ExternalProcess.Dotnet, sandbox.Root,
            ["publish", PackagingSandbox.DaemonProject, "-c", "Release", "-r", "linux-x64", "--self-contained", form,
                "--artifacts-path", sandbox.Artifacts, "-o", sandbox.Path("out")], PackagingSandbox.BuildTimeout);

        Assert.NotEqual(0, code);
        Assert.Contains(why, output, StringComparison.Ordinal);
        Assert.DoesNotContain("error IL", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(sandbox.Path("out")) && Directory.EnumerateFileSystemEntries(sandbox.Path("out")).Any());
    }
}
