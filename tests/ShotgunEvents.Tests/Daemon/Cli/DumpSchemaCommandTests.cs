using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>dump-schema</c> through the real command against an emulated site, then the dump served again with <c>--schema</c>.</summary>
public sealed class DumpSchemaCommandTests
{
    private static string SchemaFixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Schema", name);

    [Theory]
    [InlineData(null)]
    [InlineData("py3/schema.pickle")]
    public async Task DumpSchema_FromASite_ReloadsWithTheSameFieldsAndTypeNames(string? siteSchema)
    {
        using var sandbox = new CliSandbox();
        await using var site = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential("dumper", "dump-key")],
            SchemaPath = siteSchema is null ? null : SchemaFixture(siteSchema),
        });
        sandbox.Write(CliSandbox.DaemonIni, $"""
            [shotgun]
            server = {site.BaseUri}
            name = dumper
            key = dump-key
            [plugins]
            paths = plugins
            """);
        Directory.CreateDirectory(sandbox.Path("plugins"));

        var result = await CommandProcess.RunAsync(sandbox.Root, "dump-schema", "--config", CliSandbox.DaemonIni, "-o", "site-schema.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("entity types", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("dump-key", result.Output + result.Error, StringComparison.Ordinal);
        var dumped = sandbox.Path("site-schema.json");
        var original = site.Store.Site.Schema;
        await using var replay = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, SchemaPath = dumped });
        var reloaded = replay.Store.Site.Schema;
        Assert.Equal(original.EntityTypeNames, reloaded.EntityTypeNames);
        Assert.True(JToken.DeepEquals(original.ToSchemaReadJson(), reloaded.ToSchemaReadJson()), "schema_read of the reloaded dump differs");
        Assert.True(JToken.DeepEquals(original.ToSchemaEntityReadJson(), reloaded.ToSchemaEntityReadJson()), "schema_entity_read of the reloaded dump differs");
        Assert.Equal(SchemaLoader.SiteSchemaFormat, (string?)JObject.Parse(await File.ReadAllTextAsync(dumped))["format"]);
    }

    [Fact]
    public async Task DumpSchema_EmbeddedServer_ExitsTwoSayingToPointAtTheSite()
    {
        using var sandbox = new CliSandbox();
        Directory.CreateDirectory(sandbox.Path("plugins"));
        sandbox.Write(CliSandbox.DaemonIni, """
            [shotgun]
            server = embedded
            [plugins]
            paths = plugins
            """);

        var result = await CommandProcess.RunAsync(sandbox.Root, "dump-schema", "--config", CliSandbox.DaemonIni, "-o", "x.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("server = embedded", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.Path("x.json")));
    }
}
