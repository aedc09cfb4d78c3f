using ShotgunEvents.Api;
using ShotgunEvents.Client;
using ShotgunEvents.Emulator;

namespace ShotgunEvents.Tests.Emulator.Schema;

/// <summary>An emulator started from a studio's own schema, called over loopback with our client.</summary>
public sealed class SiteSchemaServingTests
{
    [Theory]
    [InlineData("py2/schema.pickle")]
    [InlineData("site-schema.json")]
    public async Task StartAsync_SchemaPath_ServesTheSiteFieldsToOurClient(string file)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Scripts = [new ScriptCredential("tester", "k3y")],
            SchemaPath = SchemaLoaderTests.Fixture(file),
        });
        using var pool = new ShotgunConnectionPool(new ShotgunClientOptions { Site = server.BaseUri.ToString(), MaxRetries = 0 });
        using var sg = pool.Connect(ShotgunCredentials.Script("tester", "k3y"));

        var users = await sg.FindAsync("HumanUser", Filter.All(), ["locked_until", "login"]);
        var thing = await sg.CreateAsync("CustomEntity01", new Dictionary<string, object?> { ["code"] = "first" });
        var schema = await sg.SchemaFieldReadAsync("Shot", "sg_hologram");

        Assert.Empty(users);
        Assert.Equal("first", thing["code"]?.ToString());
        Assert.Equal("hologram", (string?)schema["sg_hologram"]!["data_type"]!["value"]);
        Assert.Contains(server.SchemaWarnings, w => w.Contains("hologram", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_SchemaPathNotASchema_FailsNamingTheFile()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "schema.json");
        await File.WriteAllTextAsync(path, "[1, 2]");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, SchemaPath = path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
