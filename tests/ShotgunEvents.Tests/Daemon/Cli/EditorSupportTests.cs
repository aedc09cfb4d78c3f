using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;
using Newtonsoft.Json.Linq;
using ShotgunEvents.Api;
using ShotgunEvents.Daemon.Cli;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Daemon.Cli;

/// <summary>
/// The editor files: compiling the shipped plugins the way OmniSharp does from them (the response file's references and
/// imports, no host globals) must bind every name, so the editor shows no false errors and completes the API.
/// </summary>
public sealed class EditorSupportTests
{
    [Fact]
    public void Write_ThenCompileAsOmniSharpDoes_EveryShippedPluginBindsWithoutErrors()
    {
        using var sandbox = new CliSandbox();
        Assert.True(EditorSupport.Write(sandbox.Root));
        var plugins = Directory.GetFiles(Path.Combine(CliSandbox.RepositoryRoot, "scripts"), "*.csx")
            .Concat(Directory.GetFiles(Path.Combine(CliSandbox.RepositoryRoot, "examples"), "*.csx"))
            .ToList();
        Assert.True(plugins.Count >= 8, $"{plugins.Count} plugins");

        AssertEveryPluginBinds(plugins, sandbox.Path(EditorSupport.DirectoryName, EditorSupport.RspFileName), openedFolder: sandbox.Root);
    }

    [Fact]
    public void Write_FolderMountedElsewhereAndOpenedFromItsParent_ReferencesResolveFromTheCopiesBesideTheResponseFile()
    {
        using var daemonHost = new CliSandbox();
        daemonHost.AddPlugin("note_on_shot_change.csx");
        Assert.True(EditorSupport.Write(daemonHost.Path("plugins")));
        // The TD's workstation sees the share at another path, and opens its parent: omnisharp.json there points inside.
        using var workstation = new CliSandbox();
        CopyDirectory(daemonHost.Path("plugins"), workstation.Path("share", "plugins"));
        Directory.Delete(daemonHost.Root, recursive: true);
        var rspFromParent = $"plugins/{EditorSupport.DirectoryName}/{EditorSupport.RspFileName}";

        AssertEveryPluginBinds([workstation.Path("share", "plugins", "note_on_shot_change.csx")], workstation.Path("share", rspFromParent),
            openedFolder: workstation.Path("share"));
        Assert.DoesNotContain(daemonHost.Root, File.ReadAllText(workstation.Path("share", rspFromParent)), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EveryOmniSharpJsonOfTheRepository_PointsToAGeneratedResponseFileWhoseReferencesResolve()
    {
        var configs = new[] { "omnisharp.json", "scripts/omnisharp.json", "examples/omnisharp.json" }
            .Select(p => Path.Combine(CliSandbox.RepositoryRoot, p))
            .ToList();

        foreach (var config in configs)
        {
            var folder = Path.GetDirectoryName(config)!;
            var rsp = Path.GetFullPath((string)JObject.Parse(File.ReadAllText(config))["script"]!["rspFilePath"]!, folder);
            Assert.True(File.Exists(rsp), $"{config} points to {rsp}, which the build writes");
            var plugins = Directory.GetFiles(Path.GetDirectoryName(Path.GetDirectoryName(rsp))!, "*.csx");
            AssertEveryPluginBinds(plugins, rsp, folder);
        }
    }

    [Fact]
    public void PluginScope_HasAStaticStandInForEveryPublicMemberOfPluginGlobals()
    {
        using var sandbox = new CliSandbox();
        EditorSupport.Write(sandbox.Root);
        var scopeDll = sandbox.Path(EditorSupport.DirectoryName, "ShotgunEvents.PluginScope.dll");
        var compilation = CSharpCompilation.Create("probe", references: [.. Framework(), MetadataReference.CreateFromFile(scopeDll)]);
        var scope = compilation.GetTypeByMetadataName(EditorSupport.ScopeTypeName);
        Assert.NotNull(scope);

        var globals = typeof(PluginGlobals).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m is PropertyInfo || (m is MethodInfo method && !method.IsSpecialName))
            .Select(m => m.Name)
            .ToHashSet();
        var standIns = scope.GetMembers().Where(m => m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared)
            .Where(m => m is IPropertySymbol || m is IMethodSymbol { MethodKind: MethodKind.Ordinary })
            .Select(m => m.Name)
            .ToHashSet();
        Assert.Equal(globals.Order(), standIns.Order());
    }

    [Fact]
    public void Write_OwnFilesPresent_AreKeptAndTheCurrentGeneratedDirectoryIsNotRewritten()
    {
        using var sandbox = new CliSandbox();
        var own = sandbox.Write("omnisharp.json", "{ \"mine\": true }\n");
        Assert.True(EditorSupport.Write(sandbox.Root));
        var rsp = sandbox.Path(EditorSupport.DirectoryName, EditorSupport.RspFileName);
        var written = File.GetLastWriteTimeUtc(rsp);

        Assert.False(EditorSupport.Write(sandbox.Root));
        Assert.False(EditorSupport.Refresh(sandbox.Root));
        Assert.Equal("{ \"mine\": true }\n", File.ReadAllText(own));
        Assert.Equal(written, File.GetLastWriteTimeUtc(rsp));
        Assert.Equal("*", File.ReadAllLines(sandbox.Path(EditorSupport.DirectoryName, ".gitignore")).Last());
    }

    private static void AssertEveryPluginBinds(IEnumerable<string> plugins, string rsp, string openedFolder)
    {
        var (references, usings) = ReadAsOmniSharp(rsp, openedFolder);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: usings);
        foreach (var plugin in plugins)
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(plugin), new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script), plugin);
            var compilation = CSharpCompilation.CreateScriptCompilation(Path.GetFileNameWithoutExtension(plugin), tree, references, options);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            Assert.True(errors.Count == 0, string.Join('\n', errors));
        }
    }

    /// <summary>
    /// OmniSharp's reading of a response file (OmniSharp.Script's ScriptProjectProvider): the script command-line parser
    /// with the opened folder as base directory, references resolved by a ScriptMetadataResolver based there and
    /// searching the parsed reference paths; the framework of the script's target besides; /u: gives the imports.
    /// </summary>
    private static (List<MetadataReference> References, List<string> Usings) ReadAsOmniSharp(string rsp, string openedFolder)
    {
        var args = CSharpCommandLineParser.Script.Parse(["@" + rsp], openedFolder, sdkDirectory: null);
        Assert.Empty(args.Errors);
        var resolver = ScriptMetadataResolver.Default.WithBaseDirectory(openedFolder).WithSearchPaths(args.ReferencePaths);
        var resolved = args.ResolveMetadataReferences(resolver).ToList();
        Assert.Equal(4, resolved.Count);
        Assert.All(resolved, r => Assert.IsNotType<UnresolvedMetadataReference>(r));
        return ([.. Framework(), .. resolved], [.. args.CompilationOptions.Usings]);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static IEnumerable<MetadataReference> Framework() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal)
                                                            || name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll"))
            .Select(p => MetadataReference.CreateFromFile(p));
}
