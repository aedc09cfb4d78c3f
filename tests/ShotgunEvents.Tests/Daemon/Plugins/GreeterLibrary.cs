using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ShotgunEvents.Tests.Daemon.Plugins;

/// <summary>Builds a real private DLL for <c>#r</c> tests: <c>Greeter.Hello(name)</c> returns "&lt;greeting&gt; name".</summary>
internal static class GreeterLibrary
{
    public static void Build(string path, string greeting)
    {
        var source = $$"""public static class Greeter { public static string Hello(string name) => "{{greeting}} " + name; }""";
        var compilation = CSharpCompilation.Create("Greeter", [CSharpSyntaxTree.ParseText(source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }
}
