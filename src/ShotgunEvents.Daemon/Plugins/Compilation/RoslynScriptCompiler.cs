using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// Compiles a .csx plugin with <see cref="CSharpCompilation.CreateScriptCompilation"/> to an in-memory assembly and
/// portable PDB. With the <see cref="DroppedTaskRule"/> it calls, the only code that touches Roslyn: everything it
/// returns is Roslyn-free.
/// </summary>
internal static class RoslynScriptCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    private static readonly ImmutableDictionary<string, ReportDiagnostic> Suppressed = new Dictionary<string, ReportDiagnostic>
    {
        // Assembly version unification between framework facades: noise, not a plugin problem.
        ["CS1701"] = ReportDiagnostic.Suppress,
        ["CS1702"] = ReportDiagnostic.Suppress,
        ["CS1705"] = ReportDiagnostic.Suppress,
        // "async method lacks await": every async callback that only logs would warn.
        ["CS1998"] = ReportDiagnostic.Suppress,
        // A call whose task is dropped (sg.UpdateAsync(...) without await): in a callback its error is lost and the
        // event counts as handled before the write happened. An error, not a warning, in plugins.
        ["CS4014"] = ReportDiagnostic.Error,
    }.ToImmutableDictionary();

    private static readonly EmitOptions Emit = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    /// <summary>Compiles one plugin.</summary>
    /// <param name="fullPath">The plugin's full path.</param>
    /// <param name="pluginName">The plugin's name (file stem).</param>
    /// <returns>The result: the compiled script or the errors, and every file read.</returns>
    public static CompileResult Compile(string fullPath, string pluginName)
    {
        var started = Stopwatch.GetTimestamp();
        var main = FileSnapshot.Read(fullPath);
        if (!main.Stamp.Exists)
        {
            return new CompileResult(fullPath, null,
                [new PluginDiagnostic("error", "CS2001", $"Source file '{fullPath}' could not be found.", fullPath, 0, 0)],
                [main.Stamp], fromCache: false, Stopwatch.GetElapsedTime(started));
        }

        var directory = Path.GetDirectoryName(fullPath)!;
        var sources = new RecordingSourceResolver(directory);
        var metadata = new PluginMetadataResolver(directory);
        var text = SourceText.From(main.Bytes, main.Bytes.Length, encoding: null, SourceHashAlgorithm.Sha256,
            throwIfBinaryDetected: false, canBeEmbedded: true);
        var tree = CSharpSyntaxTree.ParseText(text, ParseOptions, fullPath);
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            scriptClassName: ScriptNames.ClassName(pluginName),
            usings: HostReferences.DefaultUsings,
            optimizationLevel: OptimizationLevel.Debug,
            specificDiagnosticOptions: Suppressed,
            sourceReferenceResolver: sources,
            metadataReferenceResolver: metadata,
            nullableContextOptions: NullableContextOptions.Enable);
        // No returnType (object, the default): a reflection type is found by its runtime assembly, and against the
        // reference assemblies of a single-file binary System.Object is in System.Runtime, not System.Private.CoreLib.
        var compilation = CSharpCompilation.CreateScriptCompilation(ScriptNames.AssemblyName(pluginName), tree, HostMetadataReferences.All,
            options, previousScriptCompilation: null, returnType: null, globalsType: typeof(PluginGlobals));

        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: Emit);
        var diagnostics = emitted.Diagnostics
            .Where(d => !d.IsSuppressed && d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => ToPluginDiagnostic(d, fullPath))
            .OrderBy(d => d.IsError ? 0 : 1)
            .ThenBy(d => d.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ToArray();
        var dependencies = Dependencies(main.Stamp, sources.Recorded, metadata.Recorded);
        if (emitted.Success && DroppedTaskRule.Find(compilation, fullPath) is { Count: > 0 } dropped)
        {
            diagnostics = [.. diagnostics.Where(d => d.IsError), .. dropped, .. diagnostics.Where(d => !d.IsError)];
            return new CompileResult(fullPath, null, diagnostics, dependencies, fromCache: false, Stopwatch.GetElapsedTime(started));
        }

        if (emitted.Success && RegisterCallbacksProblem(compilation) is { } problem)
        {
            diagnostics = [.. diagnostics.Where(d => d.IsError), new PluginDiagnostic("error", RegisterCallbacksRule.DiagnosticId, problem, fullPath, 0, 0),
                .. diagnostics.Where(d => !d.IsError)];
            return new CompileResult(fullPath, null, diagnostics, dependencies, fromCache: false, Stopwatch.GetElapsedTime(started));
        }

        if (!emitted.Success)
        {
            return new CompileResult(fullPath, null, diagnostics, dependencies, fromCache: false, Stopwatch.GetElapsedTime(started));
        }

        var entry = compilation.GetEntryPoint(CancellationToken.None)
            ?? throw new InvalidOperationException($"Roslyn produced no script entry point for {fullPath}.");
        var script = new CompiledScript(pe.ToArray(), pdb.ToArray(), entry.ContainingType.MetadataName, entry.MetadataName,
            metadata.PrivateReferences);
        return new CompileResult(fullPath, script, diagnostics, dependencies, fromCache: false, Stopwatch.GetElapsedTime(started));
    }

    private static string? RegisterCallbacksProblem(CSharpCompilation compilation)
    {
        var registrar = compilation.GetTypeByMetadataName(typeof(Registrar).FullName!);
        var candidates = compilation.ScriptClass?.GetMembers().OfType<IMethodSymbol>()
            .Where(m => RegisterCallbacksRule.IsCandidateName(m.Name))
            .ToArray() ?? [];
        var usable = candidates.Count(m => m.Parameters is [{ Type: var type }] && SymbolEqualityComparer.Default.Equals(type, registrar));
        return RegisterCallbacksRule.Problem([.. candidates.Select(m => m.Name)], usable);
    }

    private static FileStamp[] Dependencies(FileStamp main, IReadOnlyList<FileStamp> sources, IReadOnlyList<FileStamp> references)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { main.Path };
        var all = new List<FileStamp> { main };
        foreach (var stamp in sources.Concat(references))
        {
            if (seen.Add(stamp.Path))
            {
                all.Add(stamp);
            }
        }

        return [.. all];
    }

    private static PluginDiagnostic ToPluginDiagnostic(Diagnostic diagnostic, string mainPath)
    {
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        var span = diagnostic.Location.GetMappedLineSpan();
        return span.IsValid && !string.IsNullOrEmpty(span.Path)
            ? new PluginDiagnostic(severity, diagnostic.Id, message, span.Path, span.StartLinePosition.Line + 1,
                span.StartLinePosition.Character + 1)
            : new PluginDiagnostic(severity, diagnostic.Id, message, mainPath, 0, 0);
    }
}
