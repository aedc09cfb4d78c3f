using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Seeding;
using ShotgunEvents.Emulator.Snapshots;
using ShotgunEvents.Emulator.Store;
using ShotgunEvents.Emulator.Webhooks;
using ShotgunEvents.Emulator.Writes;

namespace ShotgunEvents.Emulator;

/// <summary>
/// The emulated site's data, reachable from C# without HTTP: writes that generate events exactly as api3 writes do,
/// bulk event seeding, event reads and snapshots. Thread-safe (one reader/writer lock; reads run in parallel).
/// </summary>
public sealed class EmulatorStore
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    internal EmulatorStore(SiteSchema schema, TimeProvider time) => Site = new SiteData(schema, time);

    /// <summary>The highest event id a reader can see now (late-commit ids still hidden do not count).</summary>
    public int LatestEventId => Read(site => site.Events.LatestVisibleId(site.NowMs));

    /// <summary>The number of EventLogEntry rows a reader can see now.</summary>
    public int EventCount => Read(site => site.Events.VisibleCount(site.NowMs));

    internal SiteData Site { get; }

    /// <summary>Told about every write's events (the webhooks); bulk seeding and snapshots bypass it.</summary>
    internal ICommitListener? CommitListener { get; set; }

    /// <summary>Adds a script user (an ApiUser with event logging on), or changes the key of an existing one.</summary>
    /// <param name="name">The script name.</param>
    /// <param name="key">The application key.</param>
    /// <returns>The credential.</returns>
    public ScriptCredential AddScriptUser(string name, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Write<int>(tx =>
        {
            var apiUser = Site.Schema.TryGetEntity("ApiUser", out var type)
                ? type
                : throw new InvalidOperationException("The site's schema has no ApiUser entity type: script users cannot be added.");
            // A studio's own schema may lack a field the emulator fills; only the ones it has are written, and the
            // logging flag is kept on the row regardless, since auth reads it.
            FieldAssignment[] wanted = [new("firstname", name), new("lastname", "1.0"), new("generate_event_log_entries", true)];
            var record = FindApiUser(Site, name);
            if (record is null)
            {
                record = Writer().Create(apiUser, [.. wanted.Where(a => apiUser.TryGetField(a.Name, out var f) && f.Editable)],
                    Actor.Anonymous(null) with { LogsEvents = false }, tx);
                record.Fields["generate_event_log_entries"] = true;
            }

            Site.Credentials.SetScriptKey(record.Id, key);
            return () => 0;
        });
        return new ScriptCredential(name, key);
    }

    /// <summary>Adds a HumanUser who can log in with a password (api3 <c>user_login</c>/<c>user_password</c>).</summary>
    /// <param name="login">The login.</param>
    /// <param name="name">The full name.</param>
    /// <param name="password">The password.</param>
    /// <returns>The new HumanUser record.</returns>
    public JObject AddHumanUser(string login, string name, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        var parts = name.Split(' ', 2);
        var fields = new JObject
        {
            ["login"] = login,
            ["name"] = name,
            ["firstname"] = parts[0],
            ["lastname"] = parts.Length > 1 ? parts[1] : string.Empty,
            ["email"] = $"{login}@studio.example",
            ["password_proxy"] = password,
        };
        return Create("HumanUser", fields);
    }

    /// <summary>
    /// Appends <paramref name="count"/> realistic EventLogEntry rows (changes, creations, retirements, custom events
    /// over the site's shots, assets, tasks and versions) straight into the log, without HTTP. A minimal set of
    /// entities is created first when the site has none to point at.
    /// </summary>
    /// <param name="count">How many events to append.</param>
    /// <returns>The id of the last event appended.</returns>
    public long SeedEvents(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _lock.EnterWriteLock();
        try
        {
            return new EventSeeder(Site).Seed(count);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Creates an entity, generating its events as an api3 create does.</summary>
    /// <param name="type">The entity type.</param>
    /// <param name="fields">The field values.</param>
    /// <param name="actingScript">The script (ApiUser name) the events name as <c>user</c>; null for none.</param>
    /// <param name="sessionUuid">The <c>session_uuid</c> to stamp on the events.</param>
    /// <returns>The new record with every field.</returns>
    public JObject Create(string type, JObject fields, string? actingScript = null, string? sessionUuid = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Create(type, FieldAssignment.FromObject(fields), actingScript is null ? null : ScriptActor(actingScript, sessionUuid), sessionUuid);
    }

    /// <summary>Updates fields of an entity, generating one Change event per changed field.</summary>
    /// <param name="type">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <param name="fields">The field values.</param>
    /// <param name="actingScript">The script the events name as <c>user</c>; null for none.</param>
    /// <param name="sessionUuid">The <c>session_uuid</c> to stamp on the events.</param>
    /// <param name="multiEntityUpdateModes">Per multi-entity field: <c>set</c> (default), <c>add</c> or <c>remove</c>.</param>
    /// <returns>The updated record with every field.</returns>
    public JObject Update(string type, int id, JObject fields, string? actingScript = null, string? sessionUuid = null,
        IReadOnlyDictionary<string, string>? multiEntityUpdateModes = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var actor = ResolveActor(actingScript, sessionUuid);
        return Write<JObject>(tx =>
        {
            var schema = Site.Schema.GetEntity(type, "update");
            var record = Writer().Update(schema, id, FieldAssignment.FromObject(fields, multiEntityUpdateModes), actor, tx);
            return () => RenderAll(record);
        });
    }

    /// <summary>Retires an entity, generating the Retirement and retirement_date Change events.</summary>
    /// <param name="type">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <param name="actingScript">The script the events name as <c>user</c>; null for none.</param>
    /// <param name="sessionUuid">The <c>session_uuid</c> to stamp on the events.</param>
    /// <returns>True if retired now, false if it already was.</returns>
    public bool Delete(string type, int id, string? actingScript = null, string? sessionUuid = null)
    {
        var actor = ResolveActor(actingScript, sessionUuid);
        return Write<bool>(tx =>
        {
            var done = Writer().Delete(Site.Schema.GetEntity(type, "delete"), id, actor, tx);
            return () => done;
        });
    }

    /// <summary>Revives a retired entity, generating the Revival event.</summary>
    /// <param name="type">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <param name="actingScript">The script the events name as <c>user</c>; null for none.</param>
    /// <param name="sessionUuid">The <c>session_uuid</c> to stamp on the events.</param>
    /// <returns>True if revived now, false if it was not retired.</returns>
    public bool Revive(string type, int id, string? actingScript = null, string? sessionUuid = null)
    {
        var actor = ResolveActor(actingScript, sessionUuid);
        return Write<bool>(tx =>
        {
            var done = Writer().Revive(Site.Schema.GetEntity(type, "revive"), id, actor, tx);
            return () => done;
        });
    }

    /// <summary>Reads one entity with every field, retired or not; null when the id does not exist.</summary>
    /// <param name="type">The entity type.</param>
    /// <param name="id">The entity id.</param>
    /// <returns>The record, or null.</returns>
    public JObject? Find(string type, int id) => Read(site =>
    {
        if (type == SiteData.EventLogEntryType)
        {
            var index = site.Events.IndexOf(id);
            return index < 0 ? null : RenderAll(new EventView(site.Events[index], site.Events));
        }

        return site.Find(type, id) is { } record ? RenderAll(record) : null;
    });

    /// <summary>The visible events with an id above <paramref name="afterId"/>, in id order, with every field.</summary>
    /// <param name="afterId">Only events after this id.</param>
    /// <param name="limit">The most events to return.</param>
    /// <returns>The events.</returns>
    public IReadOnlyList<JObject> ReadEvents(int afterId, int limit = 500) => Read(site =>
    {
        var schema = site.Schema.GetEntity(SiteData.EventLogEntryType, "read");
        var filter = new FilterParser(site.Schema, schema, "read", site.Now)
            .Parse(new JObject
            {
                ["logical_operator"] = "and",
                ["conditions"] = new JArray(new JObject { ["path"] = "id", ["relation"] = "greater_than", ["values"] = new JArray(afterId) }),
            });
        var fields = AllFields(schema);
        return (IReadOnlyList<JObject>)new QueryEngine(site).Matches(schema, filter, ReturnOnly.Active)
            .Take(limit)
            .Select(row => RecordRenderer.Render(row, fields, site))
            .ToList();
    });

    /// <summary>Writes every entity, event and credential hash to a JSON file (atomically, mode 0600).</summary>
    /// <param name="path">The file to write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public Task SaveSnapshotAsync(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _lock.EnterReadLock();
        try
        {
            // Written under the read lock so the snapshot is one consistent moment; writers wait, readers do not.
            SnapshotWriter.Write(Site, path);
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return Task.CompletedTask;
    }

    internal void LoadSnapshot(string path)
    {
        _lock.EnterWriteLock();
        try
        {
            SnapshotReader.Read(Site, path);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    internal void DelayNextEvents(int ids, TimeSpan delay) => Write<int>(_ =>
    {
        Site.Events.QueueDelay(ids, delay);
        return () => 0;
    });

    internal void BurnIds(int count) => Write<int>(_ =>
    {
        Site.Events.Burn(count);
        return () => 0;
    });

    internal void ClearQueuedDelays() => Write<int>(_ =>
    {
        Site.Events.ClearQueuedDelays();
        return () => 0;
    });

    internal JObject Create(string type, IReadOnlyList<FieldAssignment> fields, Actor? actor, string? sessionUuid)
    {
        actor ??= Actor.Anonymous(sessionUuid);
        return Write<JObject>(tx =>
        {
            var schema = Site.Schema.GetEntity(type, "create");
            if (schema.Name == SiteData.EventLogEntryType)
            {
                var id = 0;
                new CustomEventWriter(Site).Create(fields, actor, tx, committed => id = committed);
                return () => RenderAll(new EventView(Site.Events[Site.Events.IndexOf(id)], Site.Events));
            }

            var record = Writer().Create(schema, fields, actor, tx);
            return () => RenderAll(record);
        });
    }

    /// <summary>Runs a read under the read lock.</summary>
    internal T Read<T>(Func<SiteData, T> work)
    {
        _lock.EnterReadLock();
        try
        {
            return work(Site);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Runs a write as one transaction under the write lock: <paramref name="work"/> applies changes and returns what
    /// renders the result; on a fault everything is undone and no event is logged; else the events are appended and
    /// the result is rendered after the commit (so it can name event ids).
    /// </summary>
    internal T Write<T>(Func<WriteTransaction, Func<T>> work)
    {
        _lock.EnterWriteLock();
        try
        {
            var tx = new WriteTransaction();
            Func<T> render;
            try
            {
                render = work(tx);
            }
            catch
            {
                tx.Rollback();
                throw;
            }

            var first = Site.Events.Count;
            var committedAt = EventCommitter.Commit(Site, tx.Events);
            if (CommitListener is { } listener && Site.Events.Count > first)
            {
                listener.OnCommitted(Site, first, Site.Events.Count - first, committedAt);
            }

            return render();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    internal EntityWriter Writer() => new(Site);

    internal JObject RenderAll(IRow row)
    {
        var schema = Site.Schema.GetEntity(row.Type, "read");
        return RecordRenderer.Render(row, AllFields(schema), Site);
    }

    internal static EntityRecord? FindApiUser(SiteData site, string name) =>
        site.Table("ApiUser").Records.Values.FirstOrDefault(r => !r.Retired && (string?)r.Stored("firstname") == name);

    private List<FieldPath> AllFields(EntitySchema schema) =>
        [.. schema.Fields.Where(f => f.Kind != FieldKind.Password).Select(f => FieldPath.Parse(Site.Schema, schema, f.Name, "read"))];

    private Actor ResolveActor(string? actingScript, string? sessionUuid) =>
        actingScript is null ? Actor.Anonymous(sessionUuid) : ScriptActor(actingScript, sessionUuid);

    private Actor ScriptActor(string name, string? sessionUuid) => Read(site =>
    {
        var record = FindApiUser(site, name) ?? throw new ArgumentException($"No script user named '{name}' exists on the emulated site.", nameof(name));
        var logs = record.Stored("generate_event_log_entries") is { Type: JTokenType.Boolean } flag && (bool)flag;
        return new Actor(record.Key, sessionUuid, null, logs);
    });
}
