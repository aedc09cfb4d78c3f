namespace ShotgunEvents.Daemon.Config;

/// <summary>One <c>key = value</c> (or <c>key: value</c>) of an INI section, before interpolation.</summary>
/// <param name="Key">The key as written (lookups ignore case, as Python's configparser does).</param>
/// <param name="RawValue">The value, trimmed; continuation lines are joined with <c>\n</c>.</param>
/// <param name="Line">The 1-based line of the key.</param>
internal sealed record IniEntry(string Key, string RawValue, int Line);
