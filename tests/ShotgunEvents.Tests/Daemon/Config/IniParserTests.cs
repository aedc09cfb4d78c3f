using ShotgunEvents.Daemon.Config;

namespace ShotgunEvents.Tests.Daemon.Config;

public sealed class IniParserTests
{
    private static IniDocument Parse(string text) => IniParser.Parse(text.ReplaceLineEndings("\n"), "daemon.ini");

    [Fact]
    public void Parse_EqualsAndColon_SplitAtTheFirstDelimiter()
    {
        var doc = Parse("""
            [shotgun]
            server: https://site.example.com:8443/path
            name = a=b
            key:value
            """);

        var section = doc.Find("shotgun")!;
        Assert.Empty(doc.Errors);
        Assert.Equal("https://site.example.com:8443/path", section.Find("server")!.RawValue);
        Assert.Equal("a=b", section.Find("name")!.RawValue);
        Assert.Equal("value", section.Find("key")!.RawValue);
    }

    [Fact]
    public void Parse_Comments_WholeLinesSkippedButInlineCommentsKept()
    {
        var doc = Parse("""
            # a comment
            ; another
            [daemon]
                # an indented comment
            fetch_interval = 5  # seconds
            """);

        Assert.Empty(doc.Errors);
        var entry = Assert.Single(doc.Find("daemon")!.Entries);
        Assert.Equal("5  # seconds", entry.RawValue);
    }

    [Fact]
    public void Parse_KeysIgnoreCase_SectionsDoNot()
    {
        var doc = Parse("""
            [daemon]
            eventIdFile = a.id
            [Daemon]
            x = 1
            """);

        Assert.Equal("a.id", doc.Find("daemon")!.Find("EVENTIDFILE")!.RawValue);
        Assert.Equal("eventIdFile", doc.Find("daemon")!.Find("eventidfile")!.Key);
        Assert.NotNull(doc.Find("Daemon"));
        Assert.Null(doc.Find("DAEMON"));
    }

    [Fact]
    public void Parse_IndentedLines_ContinueTheValue()
    {
        var doc = Parse("""
            [plugins]
            paths = /a,
                /b,

                # a comment between continuation lines
                /c
            other = x


            """);

        var section = doc.Find("plugins")!;
        Assert.Empty(doc.Errors);
        Assert.Equal("/a,\n/b,\n\n/c", section.Find("paths")!.RawValue);
        Assert.Equal("x", section.Find("other")!.RawValue);
    }

    [Fact]
    public void Parse_ValueOnContinuationLinesOnly_HasNoLeadingNewline()
    {
        var doc = Parse("[emails]\nto =\n    a@x.com,\n    b@x.com\n");

        Assert.Equal("a@x.com,\nb@x.com", doc.Find("emails")!.Find("to")!.RawValue);
    }

    [Fact]
    public void Parse_WindowsLineEndingsAndBom_Accepted()
    {
        var doc = IniParser.Parse("\uFEFF[daemon]\r\nlogging = 20\r\n", "daemon.ini");

        Assert.Empty(doc.Errors);
        Assert.Equal("20", doc.Find("daemon")!.Find("logging")!.RawValue);
    }

    [Fact]
    public void Parse_KeyBeforeAnySection_IsAnErrorWithTheLine()
    {
        var doc = Parse("\nfetch_interval = 5\n[daemon]\n");

        var error = Assert.Single(doc.Errors);
        Assert.Equal("daemon.ini line 2: a key before any [section] header (start the file with e.g. [daemon])", error.ToString());
    }

    [Fact]
    public void Parse_DuplicateKeyAndSection_AreErrors()
    {
        var doc = Parse("""
            [daemon]
            logging = 20
            LOGGING = 10
            [daemon]
            """);

        Assert.Equal(
            [
                "daemon.ini [daemon] LOGGING: appears twice in this section (lines 2 and 3)",
                "daemon.ini [daemon]: appears twice (lines 1 and 4); merge the two",
            ],
            doc.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_LineThatIsNotAKey_ErrorDoesNotEchoIt()
    {
        var doc = Parse("[shotgun]\nkey = abc\nsecretcontinuation\n");

        var error = Assert.Single(doc.Errors);
        Assert.Equal("daemon.ini [shotgun]: line 3 is neither a [section], a comment nor 'key = value'", error.ToString());
        Assert.DoesNotContain("secretcontinuation", error.ToString());
    }

    [Theory]
    [InlineData("[daemon", "a section header must be '[name]' on a line of its own")]
    [InlineData("[daemon] x", "a section header must be '[name]' on a line of its own")]
    [InlineData("[ ]", "a section header has no name")]
    public void Parse_BadSectionHeader_IsAnError(string header, string message)
    {
        var doc = Parse(header + "\nlogging = 20\n");

        var error = Assert.Single(doc.Errors);
        Assert.Equal($"daemon.ini line 1: {message}", error.ToString());
    }

    [Fact]
    public void Parse_SectionHeaderWithTrailingComment_Accepted()
    {
        var doc = Parse("[daemon]  # engine settings\nlogging = 20\n");

        Assert.Empty(doc.Errors);
        Assert.NotNull(doc.Find("daemon"));
    }
}
