using System.Runtime.Loader;
using ShotgunEvents.Daemon.Plugins;

namespace ShotgunEvents.Tests.Daemon.Plugins;

public sealed class PluginCompilerTests : IDisposable
{
    private readonly TempPluginDirectory _dir = new();
    private readonly LogCapture _logs = new();

    public void Dispose()
    {
        _logs.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Compile_Errors_AreReportedAsFileLineColumn()
    {
        var path = _dir.Copy("PluginDiagnostics", "broken.csx");

        var result = Compiler().Compile(path);

        Assert.False(result.Success);
        Assert.Equal(
        [
            $"{path}(8,13): error CS0103: The name 'undefinedThing' does not exist in the current context",
            $"{path}(9,17): error CS0029: Cannot implicitly convert type 'string' to 'int'",
        ], result.Errors.Select(d => d.ToString()));
        var first = result.Errors.First();
        Assert.Equal((path, 8, 13, "CS0103"), (first.FilePath, first.Line, first.Column, first.Id));
    }

    [Fact]
    public async Task Load_BrokenPlugin_LogsEveryErrorOnThePluginLogger()
    {
        var path = _dir.Copy("PluginDiagnostics", "broken.csx");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        var logged = host.Logs.Messages("plugin.broken").ToArray();
        Assert.Contains($"{path}(8,13): error CS0103: The name 'undefinedThing' does not exist in the current context", logged);
        Assert.Contains($"{path}(9,17): error CS0029: Cannot implicitly convert type 'string' to 'int'", logged);
        Assert.False(host["broken"].IsActive);
        Assert.StartsWith("2 compile error(s), first: ", host["broken"].InactiveReason, StringComparison.Ordinal);
        Assert.Equal(2, host["broken"].Diagnostics.Count(d => d.IsError));
    }

    [Theory]
    [InlineData("no_register.csx", "error SGE0001: did not find a registerCallbacks function")]
    [InlineData("both_spellings.csx", "error SGE0001: defines registerCallbacks more than once")]
    [InlineData("wrong_signature.csx", "error SGE0001: registerCallbacks must take exactly one parameter, a Registrar")]
    public void Compile_RegisterCallbacksMissingOrAmbiguous_IsAnError(string file, string expected)
    {
        var path = _dir.Copy("PluginRegistration", file);

        var result = Compiler(_dir.Cache).Compile(path);

        Assert.False(result.Success);
        Assert.StartsWith($"{path}: {expected}", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(_dir.Cache) ? Directory.GetFiles(_dir.Cache) : []);
    }

    [Fact]
    public void Compile_MissingLoadAndReference_NameTheFilesAndTrackThem()
    {
        var path = _dir.Copy("PluginDiagnostics", "missing_load.csx");

        var result = Compiler().Compile(path);

        var errors = result.Errors.Select(d => d.ToString()).ToArray();
        Assert.Contains(errors, e => e.StartsWith($"{path}(1,7): error CS1504: Source file", StringComparison.Ordinal) && e.Contains("does-not-exist.csx", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{path}(2,1): error CS0006: Metadata file", StringComparison.Ordinal) && e.Contains("Missing.dll", StringComparison.Ordinal));
        // Both missing files are dependencies: creating them triggers a reload.
        Assert.Contains(result.Dependencies, d => !d.Exists && d.Path == Path.Combine(_dir.Plugins, "does-not-exist.csx"));
        Assert.Contains(result.Dependencies, d => !d.Exists && d.Path == Path.Combine(_dir.Plugins, "lib", "Missing.dll"));
    }

    [Fact]
    public async Task Load_LoadAndPrivateReference_WorkAndTheDllLivesInThePluginContext()
    {
        _dir.Copy("PluginLoadAndReference", "main.csx");
        _dir.Copy("PluginLoadAndReference", "lib/helpers.csx");
        _dir.Copy("PluginLoadAndReference", "lib/nested.csx");
        GreeterLibrary.Build(Path.Combine(_dir.Plugins, "lib", "Greeter.dll"), "hello");
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        var plugin = host["main"];
        Assert.True(plugin.IsActive, plugin.InactiveReason + "\n" + host.Logs.Dump());
        await plugin.ProcessAsync(TestEvents.Make(3), CancellationToken.None);

        Assert.Equal(["helper v1 3 | hello bunny_010_0010 | nested v1"], host.Logs.Messages("plugin.main.OnEvent"));
        var contexts = AssemblyLoadContext.All.Where(c => c.Assemblies.Any(a => a.GetName().Name == "Greeter")).ToArray();
        var context = Assert.Single(contexts, c => c.Name?.StartsWith("plugin:main#", StringComparison.Ordinal) == true);
        Assert.True(context.IsCollectible);
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Greeter");
    }

    [Fact]
    public async Task Process_CallbackThrows_StackTraceNamesTheCsxLine()
    {
        var path = _dir.Copy("PluginFailures", "thrower.csx");
        var throwLine = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("throw new", StringComparison.Ordinal)) + 1;
        await using var host = new PluginTestHost(_dir);
        await host.LoadAsync();

        await host["thrower"].ProcessAsync(TestEvents.Make(2), CancellationToken.None);

        var failure = host.Logs.Entries.Single(e => e.Logger == "plugin.thrower.Boom" && e.Exception is not null);
        Assert.Contains($"Plugin_thrower.Boom(", failure.Exception!.StackTrace, StringComparison.Ordinal);
        Assert.Contains($"in {path}:line {throwLine}", failure.Exception.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_SameSourcesWithAnotherCompiler_IsACacheHitWithoutRoslyn()
    {
        var path = _dir.Copy("PluginReload", "counter_v1.csx");

        var first = Compiler(_dir.Cache).Compile(path);
        var fresh = Compiler(_dir.Cache);
        var second = fresh.Compile(path);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(0, fresh.RoslynCompilations);
        Assert.Equal(1, fresh.CacheHits);
        Assert.Equal(first.Script!.Assembly, second.Script!.Assembly);
        Assert.Equal(first.Script.Pdb, second.Script.Pdb);
        Assert.Equal(first.Dependencies, second.Dependencies);
    }

    [Fact]
    public void Compile_PluginEdited_IsACacheMiss()
    {
        var path = _dir.Copy("PluginReload", "counter_v1.csx");
        Compiler(_dir.Cache).Compile(path);

        _dir.Overwrite("PluginReload", "counter_v2.csx", "counter_v1.csx");
        var compiler = Compiler(_dir.Cache);
        var result = compiler.Compile(path);

        Assert.False(result.FromCache);
        Assert.Equal(1, compiler.RoslynCompilations);
    }

    [Fact]
    public void Compile_OnlyMtimeChanged_IsStillACacheHit()
    {
        var path = _dir.Copy("PluginReload", "counter_v1.csx");
        Compiler(_dir.Cache).Compile(path);

        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(5));

        Assert.True(Compiler(_dir.Cache).Compile(path).FromCache);
    }

    [Fact]
    public void Compile_LoadedFileOrReferencedDllChanged_IsACacheMiss()
    {
        var path = _dir.Copy("PluginLoadAndReference", "main.csx");
        _dir.Copy("PluginLoadAndReference", "lib/helpers.csx");
        var nested = _dir.Copy("PluginLoadAndReference", "lib/nested.csx");
        var greeter = Path.Combine(_dir.Plugins, "lib", "Greeter.dll");
        GreeterLibrary.Build(greeter, "hello");
        Assert.True(Compiler(_dir.Cache).Compile(path).Success);
        Assert.True(Compiler(_dir.Cache).Compile(path).FromCache);

        File.WriteAllText(nested, "string Nested() => \"nested v2\";\n");
        var afterLoadEdit = Compiler(_dir.Cache).Compile(path);
        Assert.False(afterLoadEdit.FromCache);
        Assert.True(afterLoadEdit.Success);

        GreeterLibrary.Build(greeter, "hi");
        Assert.False(Compiler(_dir.Cache).Compile(path).FromCache);
        Assert.True(Compiler(_dir.Cache).Compile(path).FromCache);
    }

    [Fact]
    public void Compile_CorruptCacheEntry_CompilesInstead()
    {
        var path = _dir.Copy("PluginReload", "counter_v1.csx");
        Compiler(_dir.Cache).Compile(path);
        foreach (var entry in Directory.GetFiles(_dir.Cache))
        {
            File.WriteAllText(entry, "{ not json");
        }

        var result = Compiler(_dir.Cache).Compile(path);

        Assert.True(result.Success);
        Assert.False(result.FromCache);
    }

    [Fact]
    public void Compile_CacheEntryWithDamagedAssembly_CompilesInstead()
    {
        var path = _dir.Copy("PluginReload", "counter_v1.csx");
        Compiler(_dir.Cache).Compile(path);
        var entryPath = Assert.Single(Directory.GetFiles(_dir.Cache));
        var entry = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(entryPath));
        var assembly = Convert.FromBase64String(entry.Value<string>("assembly")!);
        assembly[assembly.Length / 2] ^= 0xFF;
        entry["assembly"] = Convert.ToBase64String(assembly);
        File.WriteAllText(entryPath, entry.ToString());

        var compiler = Compiler(_dir.Cache);
        var result = compiler.Compile(path);

        Assert.True(result.Success);
        Assert.False(result.FromCache);
        Assert.True(_logs.Contains("is damaged"));
        Assert.True(Compiler(_dir.Cache).Compile(path).FromCache);
    }

    [Fact]
    public async Task Load_FromCache_RunsWithLineNumbers()
    {
        var path = _dir.Copy("PluginFailures", "thrower.csx");
        Assert.True(Compiler(_dir.Cache).Compile(path).Success);
        await using var host = new PluginTestHost(_dir, useCache: true);
        await host.LoadAsync();

        await host["thrower"].ProcessAsync(TestEvents.Make(2), CancellationToken.None);

        Assert.Equal(1, host.Compiler.CacheHits);
        Assert.Equal(0, host.Compiler.RoslynCompilations);
        var failure = host.Logs.Entries.Single(e => e.Logger == "plugin.thrower.Boom" && e.Exception is not null);
        Assert.Contains($"in {path}:line ", failure.Exception!.StackTrace, StringComparison.Ordinal);
    }

    private PluginCompiler Compiler(string? cache = null) => new(cache, _logs.Factory);
}
