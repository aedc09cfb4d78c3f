using System.Text;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// Reads the INI dialect of Python's <c>configparser</c>, which upstream configs are written in: <c>key = value</c>
/// and <c>key: value</c> (the first <c>=</c> or <c>:</c> splits), whole-line <c>#</c>/<c>;</c> comments (also
/// between continuation lines), keys matched without case, section names with case, and lines indented deeper
/// than their key continuing its value. Inline comments are NOT stripped: <c>configparser</c> keeps them as part
/// of the value, and so do we, so a value like a password or subject containing <c>#</c> means the same in both.
/// Duplicate sections or keys are errors, as in <c>configparser</c>'s default strict mode.
/// </summary>
internal static class IniParser
{
    /// <summary>Parses <paramref name="text"/>; syntax errors are collected, never thrown.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="fileName">The name used in error messages.</param>
    public static IniDocument Parse(string text, string fileName)
    {
        var sections = new List<IniSection>();
        var errors = new List<ConfigDiagnostic>();
        IniSection? section = null;
        PendingEntry? entry = null;
        var skipping = false; // after a bad section header, its keys are not reported one by one

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            var content = line.Trim();
            if (content.StartsWith('#') || content.StartsWith(';'))
            {
                continue;
            }

            if (content.Length == 0)
            {
                entry?.AddBlank();
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            if (entry is not null && indent > entry.Indent)
            {
                entry.Append(content);
                continue;
            }

            Flush(section, ref entry);
            if (content.StartsWith('['))
            {
                section = ParseHeader(content, lineNo, fileName, sections, errors);
                skipping = section is null;
                continue;
            }

            if (section is null)
            {
                if (!skipping)
                {
                    errors.Add(new ConfigDiagnostic(fileName, null, null, lineNo,
                        "a key before any [section] header (start the file with e.g. [daemon])"));
                    skipping = true;
                }

                continue;
            }

            var split = content.IndexOfAny(['=', ':']);
            if (split <= 0)
            {
                // The line is not echoed: it may be part of a secret that lost its indentation.
                errors.Add(new ConfigDiagnostic(fileName, section.Name, null, lineNo, split == 0
                    ? $"line {lineNo} has a value but no key"
                    : $"line {lineNo} is neither a [section], a comment nor 'key = value'"));
                continue;
            }

            var key = content[..split].TrimEnd();
            var value = content[(split + 1)..].Trim();
            if (section.Find(key) is { } first)
            {
                errors.Add(new ConfigDiagnostic(fileName, section.Name, key, lineNo,
                    $"appears twice in this section (lines {first.Line} and {lineNo})"));
                continue;
            }

            entry = new PendingEntry(key, value, lineNo, indent);
        }

        Flush(section, ref entry);
        return new IniDocument(sections, errors);
    }

    private static IniSection? ParseHeader(
        string content, int lineNo, string fileName, List<IniSection> sections, List<ConfigDiagnostic> errors)
    {
        var close = content.LastIndexOf(']');
        var rest = close < 0 ? "" : content[(close + 1)..].Trim();
        if (close < 0 || (rest.Length > 0 && rest[0] is not '#' and not ';'))
        {
            errors.Add(new ConfigDiagnostic(fileName, null, null, lineNo,
                "a section header must be '[name]' on a line of its own"));
            return null;
        }

        var name = content[1..close].Trim();
        if (name.Length == 0)
        {
            errors.Add(new ConfigDiagnostic(fileName, null, null, lineNo, "a section header has no name"));
            return null;
        }

        if (sections.Find(s => s.Name == name) is { } existing)
        {
            errors.Add(new ConfigDiagnostic(fileName, name, null, lineNo,
                $"appears twice (lines {existing.Line} and {lineNo}); merge the two"));
            return null;
        }

        var section = new IniSection(name, lineNo);
        sections.Add(section);
        return section;
    }

    private static void Flush(IniSection? section, ref PendingEntry? entry)
    {
        if (entry is not null)
        {
            section?.Add(new IniEntry(entry.Key, entry.Value, entry.Line));
        }

        entry = null;
    }

    /// <summary>A key whose value may still grow by continuation lines.</summary>
    private sealed class PendingEntry(string key, string value, int line, int indent)
    {
        private readonly StringBuilder _value = new(value);
        private int _blanks;

        public string Key => key;

        public int Line => line;

        public int Indent => indent;

        public string Value => _value.ToString();

        // configparser keeps blank lines inside a multi-line value, but drops trailing ones.
        public void AddBlank() => _blanks++;

        public void Append(string content)
        {
            if (_value.Length > 0)
            {
                _value.Append('\n', _blanks + 1);
            }

            _blanks = 0;
            _value.Append(content);
        }
    }
}
