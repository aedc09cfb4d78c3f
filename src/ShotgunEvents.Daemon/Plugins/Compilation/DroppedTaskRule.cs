using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ShotgunEvents.Daemon.Plugins.Compilation;

/// <summary>
/// A call whose task is dropped in a method that is not async: <c>sg.UpdateAsync(...);</c> in a <c>void</c> callback, the
/// shape a Python port takes when its calls were synchronous. The compiler says nothing there (its CS4014, an error in
/// plugins, covers async methods only), yet the callback returns before the write, the event counts as handled, and the
/// write's errors are lost. An error in plugins, with the call's file, line and column.
/// </summary>
internal static class DroppedTaskRule
{
    /// <summary>The diagnostic id of a violation.</summary>
    public const string DiagnosticId = "SGE0002";

    /// <summary>Every dropped task outside async code, in source order.</summary>
    /// <param name="compilation">The plugin's compilation (its <c>#load</c>ed files included).</param>
    /// <param name="mainPath">The plugin's path, for a problem with no place.</param>
    /// <returns>The errors.</returns>
    public static IReadOnlyList<PluginDiagnostic> Find(CSharpCompilation compilation, string mainPath)
    {
        var taskTypes = new[] { "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1" }
            .Select(compilation.GetTypeByMetadataName)
            .OfType<INamedTypeSymbol>()
            .ToArray();
        var found = new List<PluginDiagnostic>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var statement in tree.GetRoot().DescendantNodes().OfType<ExpressionStatementSyntax>())
            {
                if (statement.Expression is not (InvocationExpressionSyntax or ConditionalAccessExpressionSyntax) || IsInAsyncCode(statement))
                {
                    continue;
                }

                var type = model.GetTypeInfo(statement.Expression).Type;
                if (type is INamedTypeSymbol named && taskTypes.Any(t => SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, t)))
                {
                    found.Add(ToDiagnostic(statement, Describe(statement.Expression), mainPath));
                }
            }
        }

        return found;
    }

    // Async code is CS4014's; top-level script code runs as an async submission, where it applies too.
    private static bool IsInAsyncCode(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case AccessorDeclarationSyntax or ConstructorDeclarationSyntax or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax:
                    return false;
            }
        }

        return true;
    }

    private static string Describe(ExpressionSyntax expression)
    {
        var invoked = expression switch
        {
            InvocationExpressionSyntax call => call.Expression,
            ConditionalAccessExpressionSyntax access => access.WhenNotNull,
            _ => expression,
        };
        var name = invoked switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.Text,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.Text,
            InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => binding.Name.Identifier.Text,
            IdentifierNameSyntax identifier => identifier.Identifier.Text,
            GenericNameSyntax generic => generic.Identifier.Text,
            _ => invoked.ToString(),
        };
        return name;
    }

    private static PluginDiagnostic ToDiagnostic(ExpressionStatementSyntax statement, string name, string mainPath)
    {
        var message = $"the task of '{name}' is dropped in a method that is not async: the callback returns before the call completes " +
            "and its errors are lost. Make the method 'async Task' and await the call (or write '_ = ...' to drop it on purpose).";
        var span = statement.GetLocation().GetMappedLineSpan();
        return span.IsValid && !string.IsNullOrEmpty(span.Path)
            ? new PluginDiagnostic("error", DiagnosticId, message, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1)
            : new PluginDiagnostic("error", DiagnosticId, message, mainPath, 0, 0);
    }
}
