using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
        var (references, usings) = ReadRsp(sandbox.Path(EditorSupport.DirectoryName, EditorSupport.RspFileName));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: usings);
        var plugins = Directory.GetFiles(Path.Combine(CliSandbox.RepositoryRoot, "scripts"), "*.csx")
            .Concat(Directory.GetFiles(Path.Combine(CliSandbox.RepositoryRoot, "examples"), "*.csx"))
            .ToList();
        Assert.True(plugins.Count >= 8, $"{plugins.Count} plugins");

        foreach (var plugin in plugins)
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(plugin), new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script), plugin);
            var compilation = CSharpCompilation.CreateScriptCompilation(Path.GetFileNameWithoutExtension(plugin), tree, references, options);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            Assert.True(errors.Count == 0, string.Join('\n', errors));
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

    private static (List<MetadataReference> References, List<string> Usings) ReadRsp(string rsp)
    {
        // OmniSharp: the framework of the script's target, plus every /r: of the response file; /u: replaces the imports.
        var references = Framework().ToList();
        var usings = new List<string>();
        foreach (var line in File.ReadAllLines(rsp).Where(l => !l.StartsWith('#')))
        {
            if (line.StartsWith("/r:", StringComparison.Ordinal))
            {
                var path = line[3..].Trim('"');
                Assert.True(File.Exists(path), $"{path} in {rsp}");
                references.Add(MetadataReference.CreateFromFile(path));
            }
            else if (line.StartsWith("/u:", StringComparison.Ordinal))
            {
                usings.Add(line[3..]);
            }
        }

        return (references, usings);
    }

    private static IEnumerable<MetadataReference> Framework() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal)
                                                            || name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll"))
            .Select(p => MetadataReference.CreateFromFile(p));
}
