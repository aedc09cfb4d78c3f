namespace ShotgunEvents.Tests.Emulator.PythonApi;

/// <summary>
/// A fact that needs <c>python3</c> and the official Python API (<c>../shared/python-api</c>): skipped, naming what is
/// missing, when they are not there.
/// (xunit 2 has no runtime skip; a Skip set when the attribute is built does the same at discovery.)
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PythonApiFactAttribute : FactAttribute
{
    public PythonApiFactAttribute()
    {
        if (PythonApi.Missing is { } missing)
        {
            Skip = "Python API harness skipped: " + missing;
        }
    }
}
