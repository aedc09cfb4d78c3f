using System.Text.RegularExpressions;
using System.Xml.Linq;
using ShotgunEvents.Tests.Daemon.Cli.Support;

namespace ShotgunEvents.Tests.Deploy;

/// <summary>
/// examples/deploy/Dockerfile, linted. hadolint is not packaged for this machine's Debian, so its rules that apply here
/// are checked by name (DLxxxx), with the project's own: a restore layer, ReadyToRun, OCI labels, volumes owned by the
/// image's user, a health check that follows the config, and a build context that has every file the build copies.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Root = CliSandbox.RepositoryRoot;
    private static readonly Dockerfile Image = Dockerfile.Parse(File.ReadAllText(Path.Combine(Root, "examples", "deploy", "Dockerfile")));

    [Fact]
    public void From_EveryBaseImage_IsPinnedToATagThatIsNotLatest_DL3006_DL3007()
    {
        foreach (var from in Image.Instructions.Where(i => i.Keyword == "FROM"))
        {
            var image = ExpandArgs(from.Arguments.Split(' ')[0]);
            Assert.Matches(@"^[\w./-]+:[\w.-]+$", image);
            Assert.False(image.EndsWith(":latest", StringComparison.Ordinal), from.ToString());
        }
    }

    [Fact]
    public void EntrypointCmdAndHealthcheck_AreInExecForm_DL3025()
    {
        foreach (var instruction in Image.FinalStage.Where(i => i.Keyword is "ENTRYPOINT" or "CMD"))
        {
            Assert.NotNull(Dockerfile.ExecForm(instruction.Arguments));
        }

        var check = Assert.Single(Image.FinalStage, i => i.Keyword == "HEALTHCHECK");
        Assert.NotNull(Dockerfile.ExecForm(check.Arguments[(check.Arguments.IndexOf("CMD ", StringComparison.Ordinal) + 4)..]));
        Assert.Equal(1, Image.FinalStage.Count(i => i.Keyword == "ENTRYPOINT")); // DL4004
        Assert.Equal(1, Image.FinalStage.Count(i => i.Keyword == "CMD")); // DL4003
    }

    [Fact]
    public void Instructions_FollowTheGeneralRules_DL3000_DL3002_DL3003_DL3020_DL4000_DL4006()
    {
        Assert.All(Image.Instructions.Where(i => i.Keyword == "WORKDIR"), i => Assert.StartsWith("/", i.Arguments, StringComparison.Ordinal));
        var user = Image.FinalStage.Last(i => i.Keyword == "USER").Arguments;
        Assert.DoesNotMatch("^(root|0)(:|$)", user);
        Assert.DoesNotContain(Image.Instructions, i => i.Keyword is "ADD" or "MAINTAINER");
        foreach (var run in Image.Instructions.Where(i => i.Keyword == "RUN"))
        {
            Assert.DoesNotMatch(@"(^|&&|;)\s*cd\s", run.Arguments);
            Assert.False(SinglePipe().IsMatch(run.Arguments) && !Image.Instructions.Any(i => i.Keyword == "SHELL" && i.Arguments.Contains("pipefail", StringComparison.Ordinal)),
                $"{run}: a pipe without SHELL [..., \"-o\", \"pipefail\", ...]");
            Assert.False(run.Arguments.Contains("apt-get install", StringComparison.Ordinal)
                && (!run.Arguments.Contains("--no-install-recommends", StringComparison.Ordinal) || !run.Arguments.Contains("rm -rf /var/lib/apt/lists", StringComparison.Ordinal)),
                $"{run}: apt-get install without --no-install-recommends and list cleanup (DL3015, DL3009)");
        }
    }

    [Fact]
    public void Build_RestoresFromTheProjectFilesAloneBeforeCopyingTheSources_AndPublishesReadyToRunWithoutRestoring()
    {
        var build = Image.Stages[0];
        var restore = build.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var copyAll = build.ToList().FindIndex(i => i.Keyword == "COPY" && i.Arguments == ". .");
        Assert.InRange(restore, 0, copyAll - 1);
        var beforeRestore = build.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.Split(' ')[..^1]).ToHashSet();
        Assert.All(beforeRestore, source => Assert.Matches(@"(\.csproj|\.props|global\.json)$", source));
        // Every project the daemon references, transitively, is in the restore layer.
        foreach (var project in ProjectClosure(Path.Combine(Root, "src", "ShotgunEvents.Daemon", "ShotgunEvents.Daemon.csproj")))
        {
            Assert.Contains(Path.GetRelativePath(Root, project).Replace('\\', '/'), beforeRestore);
        }

        var publish = Assert.Single(build, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("--no-restore", publish.Arguments, StringComparison.Ordinal);
        Assert.Matches(@"-r ""?\$RID""?", publish.Arguments);
        Assert.Matches(@"-r ""?\$RID""?", build[restore].Arguments);
        Assert.Contains("<PublishReadyToRun>true</PublishReadyToRun>", File.ReadAllText(Path.Combine(Root, "src", "ShotgunEvents.Daemon", "ShotgunEvents.Daemon.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void Image_HasOciLabelsAndItsVolumesBelongToTheImagesUser()
    {
        var labels = string.Join(' ', Image.FinalStage.Where(i => i.Keyword == "LABEL").Select(i => i.Arguments));
        foreach (var key in new[] { "title", "description", "licenses", "version", "revision", "source" })
        {
            Assert.Contains($"org.opencontainers.image.{key}=", labels, StringComparison.Ordinal);
        }

        var volumes = Dockerfile.ExecForm(Assert.Single(Image.FinalStage, i => i.Keyword == "VOLUME").Arguments)!;
        Assert.Equal(["/var/lib/shotgun-events", "/var/log/shotgun-events"], volumes);
        var stage = Image.FinalStage.ToList();
        var user = stage.FindLastIndex(i => i.Keyword == "USER");
        Assert.Equal("$APP_UID", stage[user].Arguments);
        var chown = Assert.Single(stage.Take(user), i => i.Keyword == "RUN" && i.Arguments.Contains("chown", StringComparison.Ordinal));
        Assert.All(volumes, v => Assert.Contains(v, chown.Arguments, StringComparison.Ordinal));
        Assert.Contains("\"$APP_UID:$APP_UID\"", chown.Arguments, StringComparison.Ordinal);
        Assert.Equal("SIGTERM", Assert.Single(stage, i => i.Keyword == "STOPSIGNAL").Arguments);
    }

    [Fact]
    public void DefaultConfig_KeepsStateAndLogsOnTheVolumesAndOpensThePortTheImageExposes()
    {
        var config = File.ReadAllText(Path.Combine(Root, "examples", "deploy", "docker", "daemon.ini"));
        Assert.Matches(@"(?m)^eventIdFile = /var/lib/shotgun-events/", config);
        Assert.Matches(@"(?m)^logPath = /var/log/shotgun-events$", config);
        var port = Assert.Single(Image.FinalStage, i => i.Keyword == "EXPOSE").Arguments;
        Assert.Matches($@"(?m)^listen = 0\.0\.0\.0:{port}$", config);
        var copied = Assert.Single(Image.FinalStage, i => i.Keyword == "COPY" && i.Arguments.StartsWith("examples/deploy/docker/daemon.ini", StringComparison.Ordinal));
        Assert.EndsWith(Image.Environment()["SHOTGUN_EVENTS_CONFIG"], copied.Arguments, StringComparison.Ordinal);
        var check = Image.FinalStage.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains("\"healthcheck\"", check, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildContext_DockerignoreKeepsOutBuildOutputAndLocalState_ButEverySourceTheDockerfileCopies()
    {
        var ignore = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        foreach (var needed in new[] { "**/bin/", "**/obj/", ".git/", "state/", "logs/", "**/.shotgun-events/", "tests/" })
        {
            Assert.Contains(needed, ignore);
        }

        foreach (var copy in Image.Instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal)))
        {
            foreach (var source in copy.Arguments.Split(' ')[..^1].Where(s => s != "."))
            {
                var matches = Glob(source).ToList();
                Assert.True(matches.Count > 0, $"{copy}: {source} is not in the repository");
                Assert.All(matches, m => Assert.False(Ignored(m, ignore), $"{copy}: {m} is kept out by .dockerignore"));
            }
        }

        Assert.True(Ignored("src/ShotgunEvents.Daemon/bin/Debug/net10.0/ShotgunEvents.Daemon.dll", ignore));
        Assert.True(Ignored("scripts/.shotgun-events/plugins.rsp", ignore));
        Assert.False(Ignored("src/ShotgunEvents.Daemon/Cli/Program.cs", ignore));
    }

    private static string ExpandArgs(string text) =>
        ArgReference().Replace(text, m => Image.GlobalArg(m.Groups[1].Value) ?? m.Value);

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, ((string)reference.Attribute("Include")!).Replace('\\', '/'))));
            }
        }

        return seen;
    }

    private static IEnumerable<string> Glob(string source)
    {
        var directory = Path.GetDirectoryName(source) ?? string.Empty;
        var pattern = Path.GetFileName(source);
        var full = Path.Combine(Root, directory);
        if (!Directory.Exists(full))
        {
            return [];
        }

        return Directory.GetFileSystemEntries(full, pattern).Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'));
    }

    /// <summary>The .dockerignore rules that matter here: "dir/" anywhere under "**/", at the root otherwise, and "**/name".</summary>
    private static bool Ignored(string path, IReadOnlyList<string> rules) => rules.Any(rule =>
    {
        var anywhere = rule.StartsWith("**/", StringComparison.Ordinal);
        var body = anywhere ? rule[3..] : rule;
        var segments = path.Split('/');
        if (body.EndsWith('/'))
        {
            var name = body.TrimEnd('/');
            return anywhere ? segments[..^1].Contains(name) : path.StartsWith(name + "/", StringComparison.Ordinal);
        }

        return anywhere ? segments[^1] == body || Regex.IsMatch(segments[^1], "^" + Regex.Escape(body).Replace(@"\*", ".*") + "$") : path == body;
    });

    [GeneratedRegex(@"\$\{([A-Za-z_]+)\}")]
    private static partial Regex ArgReference();

    [GeneratedRegex(@"[^|]\|[^|]")]
    private static partial Regex SinglePipe();
}
