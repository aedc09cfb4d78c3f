using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Writes;

/// <summary>Creates, updates, retires and revives entity rows inside a transaction, generating their events.</summary>
internal sealed class EntityWriter(SiteData site)
{
    private readonly EventFactory _events = new(site);

    // systemWrite: the site itself fills read-only fields (an upload's Attachment filename and size).
    public EntityRecord Create(EntitySchema schema, IReadOnlyList<FieldAssignment> fields, Actor actor, WriteTransaction tx, string method = "create",
        bool systemWrite = false)
    {
        var table = site.Table(schema.Name);
        var values = new List<(FieldSchema Field, JToken Value)>();
        foreach (var assignment in fields)
        {
            var field = systemWrite ? SiteSchema.GetField(schema, assignment.Name, method) : SettableField(schema, assignment.Name, method);
            if (FieldKinds.IsComputed(field.Kind))
            {
                continue;
            }

            values.RemoveAll(v => v.Field == field);
            values.Add((field, ValueCoercer.Coerce(site, field, assignment.Value, method)));
        }

        // A schema's mandatory flag is not checked: sites create Shots without code, Tasks without content, Notes
        // without subject, HumanUsers without name and Pages without name (the Python API's live suite does each).
        var record = new EntityRecord(schema, table.NextId++);
        foreach (var (field, value) in values)
        {
            CheckUnique(table, record, field, value, method);
        }

        StampSystemFields(record, actor, created: true);
        var defaults = new List<FieldSchema>();
        foreach (var field in schema.Fields.Where(f => f.DefaultValue is not null && values.All(v => v.Field != f)))
        {
            record.Fields[field.Name] = field.DefaultValue!.DeepClone();
            defaults.Add(field);
        }

        // A uuid the client cannot edit is the site's to give (LocalStorage.uuid is one on every new storage).
        foreach (var field in schema.Fields.Where(f => f.Kind == FieldKind.Uuid && !f.Editable && values.All(v => v.Field != f)))
        {
            record.Fields[field.Name] = Guid.NewGuid().ToString();
            defaults.Add(field);
        }

        foreach (var (field, value) in values)
        {
            if (field.Kind == FieldKind.Password)
            {
                SetSecret(record, value, tx);
            }
            else
            {
                record.Fields[field.Name] = value;
            }
        }

        table.Records.Add(record.Id, record);
        tx.OnRollback(() => table.Records.Remove(record.Id));
        if (!actor.LogsEvents)
        {
            return record;
        }

        tx.AddEvent(_events.New(record, actor));
        foreach (var field in values.Select(v => v.Field).Concat(defaults).Where(f => f.Kind != FieldKind.Password))
        {
            var value = record.Fields[field.Name];
            if (!IsPopulated(value))
            {
                continue;
            }

            tx.AddEvent(field.Kind == FieldKind.MultiEntity
                ? _events.MultiChange(record, field, value.Children<JObject>(), [], inCreate: true, actor)
                : _events.Change(record, field, null, value, inCreate: true, actor));
        }

        return record;
    }

    // systemWrite: the site itself sets read-only fields (an upload setting image), so the editable check is skipped.
    public EntityRecord Update(EntitySchema schema, int id, IReadOnlyList<FieldAssignment> fields, Actor actor, WriteTransaction tx, string method = "update", bool systemWrite = false)
    {
        if (schema.Name == SiteData.EventLogEntryType)
        {
            throw WriteErrors.EventLogReadOnly(method);
        }

        // Clearing the thumbnail clears the filmstrip too, as the Python API documents for a site.
        if (!systemWrite && fields.Any(f => f.Name == "image" && ClearsThumbnail(schema, f)) && schema.TryGetField("filmstrip_image", out _)
            && fields.All(f => f.Name != "filmstrip_image"))
        {
            fields = [.. fields, new FieldAssignment("filmstrip_image", null)];
        }

        var table = site.Table(schema.Name);
        var record = table.Find(id) is { Retired: false } live ? live : throw WriteErrors.NotFound(method, schema.Name, id);
        var changed = false;
        foreach (var assignment in fields)
        {
            var field = systemWrite || ClearsThumbnail(schema, assignment) ? SiteSchema.GetField(schema, assignment.Name, method) : EditableField(schema, assignment.Name, method);
            if (FieldKinds.IsComputed(field.Kind))
            {
                continue;
            }

            var oldValue = record.Stored(field.Name) ?? field.EmptyValue();
            var newValue = NewValue(field, oldValue, assignment, method);
            if (field.Kind == FieldKind.Password)
            {
                SetSecret(record, newValue, tx);
                continue;
            }

            if (SameValue(field, oldValue, newValue))
            {
                continue;
            }

            CheckUnique(table, record, field, newValue, method);
            Set(record, field.Name, newValue, tx);
            changed = true;
            if (!actor.LogsEvents)
            {
                continue;
            }

            if (field.Kind == FieldKind.MultiEntity)
            {
                var oldKeys = Keys(oldValue);
                var newKeys = Keys(newValue);
                tx.AddEvent(_events.MultiChange(record, field,
                    newValue.Children<JObject>().Where(l => !oldKeys.Contains(Key(l))),
                    oldValue.Children<JObject>().Where(l => !newKeys.Contains(Key(l))),
                    inCreate: false, actor));
            }
            else
            {
                tx.AddEvent(_events.Change(record, field, oldValue, newValue, inCreate: false, actor));
            }
        }

        if (changed)
        {
            var previous = new Dictionary<string, JToken?> { ["updated_at"] = record.Stored("updated_at"), ["updated_by"] = record.Stored("updated_by") };
            StampSystemFields(record, actor, created: false);
            tx.OnRollback(() => Restore(record, previous));
        }

        return record;
    }

    public bool Delete(EntitySchema schema, int id, Actor actor, WriteTransaction tx, string method = "delete")
    {
        if (schema.Name == SiteData.EventLogEntryType)
        {
            throw WriteErrors.EventLogReadOnly("delete");
        }

        var record = site.Table(schema.Name).Find(id) ?? throw WriteErrors.NotFound(method, schema.Name, id);
        if (record.Retired)
        {
            return false;
        }

        record.Retired = true;
        tx.OnRollback(() => record.Retired = false);
        if (actor.LogsEvents)
        {
            var date = WireDates.FormatRetirement(site.Now);
            tx.AddEvent(_events.Retirement(record, date, actor));
            tx.AddEvent(_events.RetirementDateChange(record, date, actor));
        }

        return true;
    }

    public bool Revive(EntitySchema schema, int id, Actor actor, WriteTransaction tx, string method = "revive")
    {
        if (schema.Name == SiteData.EventLogEntryType)
        {
            throw WriteErrors.EventLogReadOnly(method);
        }

        var record = site.Table(schema.Name).Find(id) ?? throw WriteErrors.NotFound(method, schema.Name, id);
        if (!record.Retired)
        {
            return false;
        }

        record.Retired = false;
        tx.OnRollback(() => record.Retired = true);
        if (actor.LogsEvents)
        {
            tx.AddEvent(_events.Revival(record, actor));
        }

        return true;
    }

    public static bool IsPopulated(JToken? value) => value switch
    {
        null => false,
        JArray array => array.Count > 0,
        { Type: JTokenType.Null } => false,
        { Type: JTokenType.Boolean } => (bool)value,
        { Type: JTokenType.String } => ((string?)value)?.Length > 0,
        _ => true,
    };

    // A client may clear a thumbnail (image = null) though it cannot write one: uploads set it.
    private static bool ClearsThumbnail(EntitySchema schema, FieldAssignment assignment) =>
        assignment.Value is null or { Type: JTokenType.Null } && schema.TryGetField(assignment.Name, out var field) && field.Kind == FieldKind.Image;

    // On create every field but the id may be set: a schema's editable flag says whether a value may change later.
    // Sites set editable:false fields on create (HumanUser.password_proxy, Page.entity_type in the Python API's live
    // suite; every EventLogEntry field and Attachment.this_file in its documentation).
    private static FieldSchema SettableField(EntitySchema schema, string name, string method)
    {
        var field = SiteSchema.GetField(schema, name, method);
        return field.Name != "id" ? field : throw WriteErrors.NotEditable(method, schema.Name, name);
    }

    // On update the flag holds: a site answers "not editable" when an editable:false field is changed (the REST probe
    // of an EventLogEntry update in reference/protocol.md §5.5).
    private static FieldSchema EditableField(EntitySchema schema, string name, string method)
    {
        var field = SiteSchema.GetField(schema, name, method);
        return field.Editable && field.Name != "id" ? field : throw WriteErrors.NotEditable(method, schema.Name, name);
    }

    private JToken NewValue(FieldSchema field, JToken oldValue, FieldAssignment assignment, string method)
    {
        var value = ValueCoercer.Coerce(site, field, assignment.Value, method);
        var mode = assignment.Mode ?? "set";
        if (field.Kind != FieldKind.MultiEntity || mode == "set")
        {
            return mode is "set" or "add" or "remove"
                ? value
                : throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() multi_entity_update_mode '{mode}' is not valid: use set, add or remove.");
        }

        var existing = Keys(oldValue);
        var change = Keys(value);
        return mode switch
        {
            "add" => new JArray(oldValue.Children<JObject>().Concat(value.Children<JObject>().Where(l => !existing.Contains(Key(l)))).Select(l => l.DeepClone())),
            "remove" => new JArray(oldValue.Children<JObject>().Where(l => !change.Contains(Key(l))).Select(l => l.DeepClone())),
            _ => throw new EmulatorException(ErrorCodes.InvalidParameters, $"API {method}() multi_entity_update_mode '{mode}' is not valid: use set, add or remove."),
        };
    }

    private static bool SameValue(FieldSchema field, JToken oldValue, JToken newValue) => field.Kind == FieldKind.MultiEntity
        ? Keys(oldValue).SetEquals(Keys(newValue))
        : JToken.DeepEquals(oldValue, newValue);

    private static HashSet<EntityKey> Keys(JToken value) => [.. value.Children<JObject>().Select(Key)];

    private static EntityKey Key(JObject link) => new((string)link["type"]!, (int)link["id"]!);

    private void CheckUnique(EntityTable table, EntityRecord record, FieldSchema field, JToken value, string method)
    {
        if (!field.Unique || value.Type != JTokenType.String)
        {
            return;
        }

        var text = (string)value!;
        var clash = table.Records.Values.FirstOrDefault(r => r.Id != record.Id && !r.Retired
            && string.Equals((string?)r.Stored(field.Name), text, StringComparison.OrdinalIgnoreCase));
        if (clash is not null)
        {
            throw new EmulatorException(ErrorCodes.InvalidParameters,
                $"API {method}() {table.Schema.Name}.{field.Name} must be unique: '{text}' is already used by {clash.Type} #{clash.Id}.");
        }
    }

    private void StampSystemFields(EntityRecord record, Actor actor, bool created)
    {
        var now = new JValue(WireDates.Format(site.Now));
        var user = actor.User is { } key ? new JObject { ["type"] = key.Type, ["id"] = key.Id } : null;
        if (created && record.Schema.HasField("created_at"))
        {
            record.Fields["created_at"] = now.DeepClone();
        }

        if (created && user is not null && record.Schema.HasField("created_by"))
        {
            record.Fields["created_by"] = user.DeepClone();
        }

        if (record.Schema.HasField("updated_at"))
        {
            record.Fields["updated_at"] = now;
        }

        if (user is not null && record.Schema.HasField("updated_by"))
        {
            record.Fields["updated_by"] = user;
        }
    }

    private static void Set(EntityRecord record, string field, JToken value, WriteTransaction tx)
    {
        var previous = new Dictionary<string, JToken?> { [field] = record.Stored(field) };
        record.Fields[field] = value;
        tx.OnRollback(() => Restore(record, previous));
    }

    private static void Restore(EntityRecord record, Dictionary<string, JToken?> previous)
    {
        foreach (var (field, value) in previous)
        {
            if (value is null)
            {
                record.Fields.Remove(field);
            }
            else
            {
                record.Fields[field] = value;
            }
        }
    }

    /// <summary>A HumanUser password or an ApiUser key: kept only as a hash in the credentials, never as a field value.</summary>
    private void SetSecret(EntityRecord record, JToken value, WriteTransaction tx)
    {
        var credentials = site.Credentials;
        var secret = (string?)value;
        if (record.Type == "ApiUser")
        {
            var old = credentials.ScriptKeyHashes.GetValueOrDefault(record.Id);
            if (secret is null)
            {
                credentials.RemoveScriptKey(record.Id);
            }
            else
            {
                credentials.SetScriptKey(record.Id, secret);
            }

            tx.OnRollback(() => Restore(old, h => credentials.SetScriptKeyHash(record.Id, h), () => credentials.RemoveScriptKey(record.Id)));
        }
        else
        {
            var old = credentials.PasswordHashes.GetValueOrDefault(record.Id);
            if (secret is null)
            {
                credentials.RemovePassword(record.Id);
            }
            else
            {
                credentials.SetPassword(record.Id, secret);
            }

            tx.OnRollback(() => Restore(old, h => credentials.SetPasswordHash(record.Id, h), () => credentials.RemovePassword(record.Id)));
        }
    }

    private static void Restore(string? oldHash, Action<string> set, Action remove)
    {
        if (oldHash is null)
        {
            remove();
        }
        else
        {
            set(oldHash);
        }
    }
}
