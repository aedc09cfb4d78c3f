namespace ShotgunEvents.Tests.Deploy;

/// <summary>One instruction of a Dockerfile, its continuation lines joined.</summary>
/// <param name="Keyword">FROM, RUN, COPY, ... in upper case.</param>
/// <param name="Arguments">Everything after the keyword, runs of spaces collapsed.</param>
/// <param name="Line">The line it starts on, for messages.</param>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}
