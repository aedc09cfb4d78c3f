using System.Reflection;
using ShotgunEvents.Api;

namespace ShotgunEvents.Daemon.Plugins.Running;

/// <summary>
/// An <see cref="IShotgun"/> that creates the real connection the first time a callback uses it, so registering a
/// callback (and every reload) costs no network call. <see cref="IShotgun.SessionUuid"/> set before that is kept
/// and handed on. A <see cref="DispatchProxy"/> so it forwards every member of <see cref="IShotgun"/>, present and future.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from this class at run time: it cannot be sealed.
internal class LazyShotgunProxy : DispatchProxy
#pragma warning restore CA1852
{
    private readonly Lock _gate = new();
    private Func<IShotgun>? _create;
    private IShotgun? _inner;
    private string? _sessionUuid;

    /// <summary>The real connection, once created.</summary>
    public IShotgun? Inner => Volatile.Read(ref _inner);

    /// <summary>Makes a lazy connection.</summary>
    /// <param name="create">Creates the real connection; called at most once successfully (a failure is retried at the next use).</param>
    /// <returns>The proxy.</returns>
    public static IShotgun Create(Func<IShotgun> create)
    {
        var proxy = Create<IShotgun, LazyShotgunProxy>();
        ((LazyShotgunProxy)(object)proxy)._create = create;
        return proxy;
    }

    /// <summary>The proxy behind an <see cref="IShotgun"/> made by <see cref="Create(Func{IShotgun})"/>, or null.</summary>
    public static LazyShotgunProxy? Of(IShotgun shotgun) => shotgun as object as LazyShotgunProxy;

    /// <summary>
    /// Sets the session id the way the <c>SessionUuid</c> setter does, without the proxy's reflective call: the engine
    /// sets it before every callback, and that call's argument array and method dispatch were a cost per event.
    /// </summary>
    /// <param name="sessionUuid">The session id to hand on, or null.</param>
    public void SetSessionUuid(string? sessionUuid)
    {
        IShotgun? inner;
        lock (_gate)
        {
            inner = _inner;
            if (inner is null)
            {
                _sessionUuid = sessionUuid;
                return;
            }
        }

        inner.SessionUuid = sessionUuid;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        IShotgun inner;
        lock (_gate)
        {
            if (_inner is null)
            {
                switch (targetMethod.Name)
                {
                    case "get_SessionUuid":
                        return _sessionUuid;
                    case "set_SessionUuid":
                        _sessionUuid = (string?)args![0];
                        return null;
                }

                var created = _create!();
                created.SessionUuid = _sessionUuid;
                Volatile.Write(ref _inner, created);
            }

            inner = _inner;
        }

        return targetMethod.Invoke(inner, BindingFlags.DoNotWrapExceptions, null, args, null);
    }
}
