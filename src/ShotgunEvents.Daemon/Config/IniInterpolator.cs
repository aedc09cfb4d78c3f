using System.Text;

namespace ShotgunEvents.Daemon.Config;

/// <summary>
/// Expands <c>%(NAME)s</c> and <c>%%</c> the way upstream's <c>configparser</c> BasicInterpolation does, minus its
/// bug: upstream injected the whole environment as defaults, so every environment variable became a value of every
/// key (<c>USERNAME</c>, <c>PORT</c>...). Here a variable is read only where a value names it. NAME resolves to
/// another key of the same section (as in configparser), else to a key of <c>[DEFAULT]</c>, else to the environment
/// variable NAME (tried as written, then upper-cased, since configparser matched it without case). A variable's
/// value is taken literally, so a <c>%</c> in it is not an error as it was upstream.
/// </summary>
internal static class IniInterpolator
{
    // configparser's MAX_INTERPOLATION_DEPTH.
    private const int MaxDepth = 10;

    /// <summary>Expands the value of <paramref name="entry"/>.</summary>
    /// <param name="document">The file, for <c>[DEFAULT]</c> lookups.</param>
    /// <param name="section">The entry's section.</param>
    /// <param name="entry">The entry to expand.</param>
    /// <param name="env">Reads one environment variable; null when it is not set.</param>
    /// <param name="value">The expanded value.</param>
    /// <param name="error">Why expansion failed (never contains a value).</param>
    /// <returns>True when the value was expanded.</returns>
    public static bool TryExpand(
        IniDocument document, IniSection section, IniEntry entry, Func<string, string?> env,
        out string value, out string error)
    {
        var builder = new StringBuilder();
        var context = new Context(document, env);
        var ok = context.Expand(entry.RawValue, section, entry.Key, 0, builder, out error);
        value = ok ? builder.ToString() : "";
        return ok;
    }

    private sealed class Context(IniDocument document, Func<string, string?> env)
    {
        public bool Expand(string raw, IniSection section, string selfKey, int depth, StringBuilder output, out string error)
        {
            error = "";
            var i = 0;
            while (i < raw.Length)
            {
                var percent = raw.IndexOf('%', i);
                if (percent < 0)
                {
                    output.Append(raw, i, raw.Length - i);
                    break;
                }

                output.Append(raw, i, percent - i);
                var next = percent + 1 < raw.Length ? raw[percent + 1] : '\0';
                if (next == '%')
                {
                    output.Append('%');
                    i = percent + 2;
                    continue;
                }

                if (next != '(')
                {
                    error = "'%' must be followed by '%' or '(' (write %% for a literal %)";
                    return false;
                }

                var close = raw.IndexOf(')', percent + 2);
                if (close < 0 || close == percent + 2 || close + 1 >= raw.Length || raw[close + 1] != 's')
                {
                    error = "a reference must look like %(NAME)s (write %% for a literal %)";
                    return false;
                }

                var name = raw[(percent + 2)..close];
                if (!Resolve(name, section, selfKey, depth, output, out error))
                {
                    return false;
                }

                i = close + 2;
            }

            return true;
        }

        private bool Resolve(string name, IniSection section, string selfKey, int depth, StringBuilder output, out string error)
        {
            var target = string.Equals(name, selfKey, StringComparison.OrdinalIgnoreCase) ? null : section.Find(name);
            var targetSection = section;
            if (target is null && document.Find("DEFAULT") is { } defaults && !ReferenceEquals(defaults, section))
            {
                target = defaults.Find(name);
                targetSection = defaults;
            }

            if (target is not null)
            {
                if (depth >= MaxDepth)
                {
                    error = $"references are nested more than {MaxDepth} deep (do two keys refer to each other?)";
                    return false;
                }

                return Expand(target.RawValue, targetSection, target.Key, depth + 1, output, out error);
            }

            var upper = name.ToUpperInvariant();
            var value = env(name) ?? (upper == name ? null : env(upper));
            if (value is null)
            {
                error = $"environment variable {name} is not set (referenced as %({name})s)";
                return false;
            }

            output.Append(value);
            error = "";
            return true;
        }
    }
}
