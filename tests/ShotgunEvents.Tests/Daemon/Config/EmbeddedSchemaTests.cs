using ShotgunEvents.Daemon.Config;
using ShotgunEvents.Daemon.Hosting;

namespace ShotgunEvents.Tests.Daemon.Config;

/// <summary><c>[emulator] schema</c> reaching the embedded site the daemon starts, as <c>run</c> builds it.</summary>
public sealed class EmbeddedSchemaTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string schemaFile)
    {
        Directory.CreateDirectory(Path.Join(_dir.Path, "scripts"));
        return _dir.Write($"""
            [daemon]
            eventIdFile = state/state.json
            [shotgun]
            server = embedded
            [plugins]
            paths = scripts
            [emulator]
            schema = {schemaFile}
            """);
    }

    [Fact]
    public async Task CreateAsync_EmulatorSchema_EmbeddedSiteServesItEmpty()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Schema", "site-schema.json"), Path.Join(_dir.Path, "site-schema.json"));
        var settings = ConfigLoader.Load(Write("site-schema.json"), ConfigDirectory.Env());

        await using var runtime = await DaemonRuntime.CreateAsync(settings, new RuntimeFlags { EmbeddedActivity = true }, CancellationToken.None);

        var schema = runtime.Embedded!.Store.Site.Schema;
        Assert.True(schema.GetEntity("HumanUser", "read").HasField("locked_until"));
        Assert.False(schema.TryGetEntity("Playlist", out _));
        Assert.Empty(runtime.Embedded.Store.Site.Table("Shot").Records);
    }

    [Fact]
    public async Task CreateAsync_EmulatorSchemaNotASchema_ConfigErrorNamesSectionAndKey()
    {
        await File.WriteAllTextAsync(Path.Join(_dir.Path, "notes.json"), "{\"Shot\": 1}");
        var settings = ConfigLoader.Load(Write("notes.json"), ConfigDirectory.Env());

        var error = await Assert.ThrowsAsync<ConfigException>(async () =>
        {
            await using var runtime = await DaemonRuntime.CreateAsync(settings, new RuntimeFlags(), CancellationToken.None);
        });

        var diagnostic = Assert.Single(error.Errors);
        Assert.Equal(("emulator", "schema"), (diagnostic.Section, diagnostic.Key));
        Assert.Contains("none of the known formats", diagnostic.Message, StringComparison.Ordinal);
    }
}
