using System.Globalization;
using System.Text.RegularExpressions;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// Reads typed values from one section, recording every problem in the <see cref="ConfigContext"/> instead of
/// throwing, so the user sees all of them at once. Each getter returns its fallback when the key is absent or bad.
/// Keys it was asked about are "known"; <see cref="ReportUnknownKeys"/> warns about the rest.
/// </summary>
internal sealed partial class SectionReader
{
    private const string CommentHint = " (inline comments are not supported: put the comment on a line of its own)";

    private readonly ConfigContext _context;
    private readonly HashSet<string> _secretKeys;
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _failed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a reader; use <see cref="ConfigContext.Section"/>.</summary>
    public SectionReader(ConfigContext context, string name, IEnumerable<string> secretKeys)
    {
        _context = context;
        Name = name;
        Section = context.Document.Find(name);
        _secretKeys = new HashSet<string>(secretKeys, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The section name.</summary>
    public string Name { get; }

    /// <summary>The section, or null when the file has none.</summary>
    public IniSection? Section { get; }

    /// <summary>True when the file sets <paramref name="key"/> (even to an empty value).</summary>
    public bool Has(string key)
    {
        _known.Add(key);
        return Section?.Find(key) is not null;
    }

    /// <summary>Marks <paramref name="key"/> as known without reading it (it is ignored in this configuration).</summary>
    public void Skip(string key) => _known.Add(key);

    /// <summary>The expanded, trimmed value; null when absent, empty, or bad (the error is recorded).</summary>
    public string? Text(string key)
    {
        var value = Read(key, out var entry);
        if (value is not null && entry is not null && !IsSecret(key) && HasInlineComment(entry.RawValue))
        {
            Warn(key, "the value contains ' #' or ' ;': inline comments are not stripped, so it is part of the value");
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Like <see cref="Text"/>, recording <paramref name="missing"/> as an error when the key is absent or empty.</summary>
    public string? RequiredText(string key, string missing)
    {
        var value = Text(key);
        if (value is null && !_failed.Contains(key))
        {
            Error(key, missing);
        }

        return value;
    }

    /// <summary>A boolean the way configparser reads one: 1/yes/true/on or 0/no/false/off, any case.</summary>
    public bool Bool(string key, bool fallback) =>
        Parse(key, fallback, (string v, out bool result) =>
        {
            switch (v.ToLowerInvariant())
            {
                case "1" or "yes" or "true" or "on":
                    result = true;
                    return null;
                case "0" or "no" or "false" or "off":
                    result = false;
                    return null;
                default:
                    result = false;
                    return "is not a boolean (use true/false, yes/no, on/off or 1/0)";
            }
        });

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Int(string key, int fallback, int min, int max = int.MaxValue) =>
        Parse(key, fallback, (string v, out int result) =>
        {
            if (!int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result))
            {
                return "is not a whole number";
            }

            return result < min ? $"must be at least {min}" : result > max ? $"must be at most {max}" : null;
        });

    /// <summary>An event id (a whole number of at least 1).</summary>
    public long EventId(string key, long fallback) =>
        Parse(key, fallback, (string v, out long result) =>
            !long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out result) || result < 1
                ? "is not an event id (a whole number of at least 1)"
                : null);

    /// <summary>A duration in seconds, fractions allowed (<c>0.2</c>); more than zero unless <paramref name="allowZero"/>.</summary>
    public TimeSpan Seconds(string key, TimeSpan fallback, bool allowZero = false) =>
        Parse(key, fallback, (string v, out TimeSpan result) => TryParseSeconds(v, allowZero, out result));

    /// <summary>Like <see cref="Seconds"/>, but an empty value, <c>off</c> or <c>none</c> means null.</summary>
    public TimeSpan? OptionalSeconds(string key, TimeSpan? fallback) =>
        Parse(key, fallback, (string v, out TimeSpan? result) =>
        {
            result = null;
            if (v.Length == 0 || v.Equals("off", StringComparison.OrdinalIgnoreCase) || v.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var error = TryParseSeconds(v, allowZero: false, out var seconds);
            result = seconds;
            return error is null ? null : error + " (or 'off')";
        }, allowEmpty: true);

    /// <summary>One of <paramref name="choices"/> (any case); the message lists them.</summary>
    public T Choice<T>(string key, T fallback, IReadOnlyDictionary<string, T> choices) =>
        Parse(key, fallback, (string v, out T result) =>
        {
            if (choices.TryGetValue(v, out result!))
            {
                return null;
            }

            return $"is not one of: {string.Join(", ", choices.Keys)}";
        });

    /// <summary>A comma list (commas or line breaks), each item trimmed, empty items dropped; null when absent.</summary>
    public IReadOnlyList<string>? List(string key)
    {
        var value = Read(key, out _);
        return value?.Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Like <see cref="List"/>, recording <paramref name="missing"/> as an error when the list is absent or empty.</summary>
    public IReadOnlyList<string> RequiredList(string key, string missing)
    {
        var list = List(key);
        if ((list is null || list.Count == 0) && !_failed.Contains(key))
        {
            Error(key, missing);
        }

        return list ?? [];
    }

    /// <summary>A typed value read by <paramref name="parse"/>, which returns null or the reason the text is wrong.</summary>
    public T Parse<T>(string key, T fallback, TryParse<T> parse, bool allowEmpty = false)
    {
        var value = Read(key, out var entry);
        if (value is null || entry is null || (value.Length == 0 && !allowEmpty))
        {
            return fallback;
        }

        var reason = parse(value, out var result);
        if (reason is null)
        {
            return result;
        }

        Error(key, $"{Show(key, value)} {reason}{(HasInlineComment(entry.RawValue) ? CommentHint : "")}");
        return fallback;
    }

    /// <summary>Records an error against <paramref name="key"/>.</summary>
    public void Error(string key, string reason)
    {
        _failed.Add(key);
        _context.Errors.Add(Diagnostic(key, reason));
    }

    /// <summary>Records a warning against <paramref name="key"/>.</summary>
    public void Warn(string key, string reason) => _context.Warnings.Add(Diagnostic(key, reason));

    /// <summary><c>'value'</c>, or <c>the value</c> for a secret key.</summary>
    public string Show(string key, string value) => IsSecret(key) ? "the value" : $"'{value}'";

    /// <summary>Warns about every key of the section nobody asked for, suggesting a known key when one is close.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var entry in Section?.Entries ?? [])
        {
            if (_known.Contains(entry.Key))
            {
                continue;
            }

            var guess = Suggestions.Closest(entry.Key, _known);
            Warn(entry.Key, guess is null ? "unknown key (ignored)" : $"unknown key (ignored); did you mean {guess}?");
        }
    }

    private string? Read(string key, out IniEntry? entry)
    {
        _known.Add(key);
        entry = Section?.Find(key);
        if (entry is null || Section is null)
        {
            return null;
        }

        if (IniInterpolator.TryExpand(_context.Document, Section, entry, _context.Env, out var value, out var error))
        {
            return value.Trim();
        }

        Error(key, error);
        return null;
    }

    // A missing key takes its section's line, so errors sort section by section.
    private ConfigDiagnostic Diagnostic(string key, string reason)
    {
        var entry = Section?.Find(key);
        return new ConfigDiagnostic(_context.FileName, Name, entry?.Key ?? key, entry?.Line ?? Section?.Line, reason);
    }

    private bool IsSecret(string key) => _secretKeys.Contains(key);

    private static bool HasInlineComment(string raw) => InlineComment().IsMatch(raw);

    private static string? TryParseSeconds(string v, bool allowZero, out TimeSpan result)
    {
        result = TimeSpan.Zero;
        if (!double.TryParse(v, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds))
        {
            return "is not a number of seconds";
        }

        if (seconds < 0 || (seconds == 0 && !allowZero))
        {
            return allowZero ? "must not be negative" : "must be more than 0 seconds";
        }

        // Beyond a year is a typo (milliseconds?), and TimeSpan would overflow long before a sane limit anyway.
        if (seconds > 366 * 86400)
        {
            return "is more than a year of seconds";
        }

        result = TimeSpan.FromSeconds(seconds);
        return null;
    }

    [GeneratedRegex(@"\s[#;]")]
    private static partial Regex InlineComment();

    /// <summary>Parses <paramref name="text"/>; returns null on success or the reason it is wrong.</summary>
    public delegate string? TryParse<T>(string text, out T result);
}
