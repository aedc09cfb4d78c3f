using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Tests.Deploy;

/// <summary>
/// A Dockerfile read as docker reads it: comments dropped, continued lines joined, split into stages of instructions,
/// with <c>ARG</c> defaults and <c>ENV</c> values at hand.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions)
    {
        Instructions = instructions;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The instructions of each stage (everything from one FROM to the next), in order.</summary>
    public IReadOnlyList<IReadOnlyList<DockerInstruction>> Stages
    {
        get
        {
            var stages = new List<IReadOnlyList<DockerInstruction>>();
            List<DockerInstruction>? current = null;
            foreach (var instruction in Instructions)
            {
                if (instruction.Keyword == "FROM")
                {
                    current = [];
                    stages.Add(current);
                }

                current?.Add(instruction);
            }

            return stages;
        }
    }

    /// <summary>The last stage: what the image is.</summary>
    public IReadOnlyList<DockerInstruction> FinalStage => Stages[^1];

    /// <summary>The default of an <c>ARG</c> declared before the first FROM.</summary>
    public string? GlobalArg(string name) => Instructions.TakeWhile(i => i.Keyword != "FROM")
        .Where(i => i.Keyword == "ARG").Select(i => i.Arguments.Split('=', 2))
        .FirstOrDefault(p => p[0] == name) is { Length: 2 } pair ? pair[1] : null;

    /// <summary>The final stage's environment (<c>ENV A=1 B=2</c> and <c>ENV A 1</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in FinalStage.Where(i => i.Keyword == "ENV"))
        {
            var pairs = EnvPair().Matches(instruction.Arguments);
            if (pairs.Count == 0)
            {
                var parts = instruction.Arguments.Split(' ', 2);
                env[parts[0]] = parts[1].Trim();
            }

            foreach (Match pair in pairs)
            {
                env[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
            }
        }

        return env;
    }

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var logical = new StringBuilder();
        var startLine = 0;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith('#') || (logical.Length == 0 && string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            if (logical.Length == 0)
            {
                startLine = i + 1;
            }

            var trimmed = line.TrimEnd();
            if (trimmed.EndsWith('\\'))
            {
                logical.Append(trimmed[..^1]).Append(' ');
                continue;
            }

            logical.Append(trimmed);
            var whole = logical.ToString().Trim();
            logical.Clear();
            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(new DockerInstruction(whole[..space].ToUpperInvariant(), Collapse().Replace(whole[(space + 1)..].Trim(), " "), startLine));
        }

        return new Dockerfile(instructions);
    }

    /// <summary>The JSON array of an exec-form instruction (<c>["a", "b"]</c>), or null when it is in shell form.</summary>
    public static IReadOnlyList<string>? ExecForm(string arguments)
    {
        if (!arguments.StartsWith('['))
        {
            return null;
        }

        return [.. JArray.Parse(arguments).Select(t => (string)t!)];
    }

    [GeneratedRegex("""([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)""")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Collapse();
}
