using System.Text.RegularExpressions;
using ShotgunEvents.Api;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary><c>emulator --schema FILE</c> through the real command: a studio's own fields, offline.</summary>
public sealed partial class EmulatorSchemaCommandTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static string SchemaFixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Schema", name);

    [Fact]
    public async Task Emulator_SchemaPickle_ServesItsFieldsEmptyAndWarnsOfUnknownTypes()
    {
        using var sandbox = new CliSandbox();
        using var emulator = CommandProcess.Start(sandbox.Root, "emulator", "--port", "0", "--script", "tester:k3y", "--schema", SchemaFixture("py3/schema.pickle"));

        var address = await emulator.WaitForLineAsync(l => l.StartsWith("Emulated site at ", StringComparison.Ordinal), "the address", StartTimeout);
        await emulator.WaitForLineAsync(l => l.Contains("entity types)", StringComparison.Ordinal), "the schema line", StartTimeout);
        using (var client = new SiteClient(SiteAddress().Match(address).Groups[1].Value, "tester", "k3y"))
        {
            var shot = await client.Shotgun.CreateAsync("Shot", new Dictionary<string, object?> { ["code"] = "s010", ["sg_tc"] = 3_600_000 });
            Assert.Equal(3_600_000, (long)shot["sg_tc"]!);
            Assert.Single(await client.Shotgun.FindAsync("Shot", Filter.All(), "code")); // --schema starts empty: no demo rows
        }

        Assert.Contains("schema warning: ", emulator.Output, StringComparison.Ordinal);
        Assert.Contains("'hologram'", emulator.Output, StringComparison.Ordinal);
        Assert.Contains("(7 entity types)", emulator.Output, StringComparison.Ordinal);
        emulator.Terminate();
        Assert.Equal(0, await emulator.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Emulator_SchemaMissing_ExitsTwoNamingTheFile()
    {
        using var sandbox = new CliSandbox();

        var result = await CommandProcess.RunAsync(sandbox.Root, "emulator", "--schema", "nowhere.pickle");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--schema: the file 'nowhere.pickle' does not exist.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_SchemaNotASchema_ExitsTwoWithOneLine()
    {
        using var sandbox = new CliSandbox();
        var path = sandbox.Write("bad.json", "{\"Shot\": 3}");

        var result = await CommandProcess.RunAsync(sandbox.Root, "emulator", "--port", "0", "--schema", path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("none of the known formats", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"Emulated site at (\S+)")]
    private static partial Regex SiteAddress();
}
