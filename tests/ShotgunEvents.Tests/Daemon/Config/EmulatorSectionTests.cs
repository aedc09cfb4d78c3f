using ShotgunEvents.Daemon.Config;

namespace ShotgunEvents.Tests.Daemon.Config;

/// <summary><c>[emulator] schema</c>: the embedded site's schema file, checked when the config loads.</summary>
public sealed class EmulatorSectionTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Func<string, string?> NoEnv = ConfigDirectory.Env();

    private string WriteWithEmulator(string emulatorLines, string server = "embedded")
    {
        Directory.CreateDirectory(Path.Join(_dir.Path, "scripts"));
        return _dir.Write($"""
            [shotgun]
            server = {server}
            name = n
            key = k
            [plugins]
            paths = scripts
            [emulator]
            {emulatorLines}
            """);
    }

    [Fact]
    public void Load_SchemaBesideTheConfig_ResolvedToItsFullPath()
    {
        _dir.Write("{}", "site-schema.json");

        var settings = ConfigLoader.Load(WriteWithEmulator("schema = site-schema.json"), NoEnv);

        Assert.Equal(Path.Join(_dir.Path, "site-schema.json"), settings.Emulator.SchemaPath);
    }

    [Fact]
    public void Load_NoEmulatorSection_UsesTheDefaultSchema()
    {
        var settings = ConfigLoader.Load(_dir.WriteMinimal(), NoEnv);

        Assert.Null(settings.Emulator.SchemaPath);
    }

    [Fact]
    public void Load_MissingSchemaFile_ErrorNamesSectionKeyAndReason()
    {
        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(WriteWithEmulator("schema = nowhere.json"), NoEnv)).Errors);

        Assert.Equal("emulator", error.Section);
        Assert.Equal("schema", error.Key);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("dump-schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SchemaIsAFolder_ErrorNamesSectionAndKey()
    {
        Directory.CreateDirectory(Path.Join(_dir.Path, "schemas"));

        var error = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(WriteWithEmulator("schema = schemas"), NoEnv)).Errors);

        Assert.Equal("daemon.ini [emulator] schema: 'schemas' is a folder; name the schema file (site-schema.json, or schema.pickle with schema_entity.pickle beside it)", error.ToString());
    }

    [Fact]
    public void Load_SchemaWithARealSite_IsIgnoredWithAWarning()
    {
        var settings = ConfigLoader.Load(WriteWithEmulator("schema = nowhere.json", server: "https://studio.example.com"), NoEnv);

        Assert.Null(settings.Emulator.SchemaPath);
        Assert.Contains(settings.Warnings, w => w.Section == "emulator" && w.Key == "schema" && w.Message.Contains("embedded", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownEmulatorKey_IsReported()
    {
        var settings = ConfigLoader.Load(WriteWithEmulator("shema = x.json"), NoEnv);

        Assert.Contains(settings.Warnings, w => w.Section == "emulator" && w.Key == "shema");
    }
}
