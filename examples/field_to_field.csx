// field_to_field.csx: when one field of an entity takes a given value, set another field (a port of upstream's
// examplePlugins/field_to_field.py).
//
// Teaches: settings in args checked once at registration (a plugin that returns without registering anything stays
// loaded and does nothing, as upstream), and a schema check done on first use instead of a network call at load.

sealed record Rule(string EntityType, string FromField, object? FromValue, string ToField, object? ToValue)
{
    public bool SchemaChecked { get; set; }
}

void registerCallbacks(Registrar reg)
{
    // "User-defined plugin args, change at will." Here: a Task marked "na" (not applicable) gets no duration.
    // A studio could read them from daemon.ini instead: Setting("field_to_field_entity") ([plugin_settings]).
    var rule = new Rule(EntityType: "Task", FromField: "sg_status_list", FromValue: "na", ToField: "duration", ToValue: 0);

    if (string.IsNullOrWhiteSpace(rule.EntityType) || string.IsNullOrWhiteSpace(rule.FromField) || string.IsNullOrWhiteSpace(rule.ToField))
    {
        reg.Logger.Warn("field_to_field: entity type and both fields must be set; not registering.");
        return;
    }

    reg.RegisterCallback(Env("SGDAEMON_FIELDTOFIELD_NAME"), Env("SGDAEMON_FIELDTOFIELD_KEY"), UpdateFieldValue,
        new MatchEvents { [$"Shotgun_{rule.EntityType}_Change"] = [rule.FromField] }, args: rule);
}

async Task UpdateFieldValue(IShotgun sg, Logger log, ShotgunEvent e, object? args)
{
    var rule = (Rule)args!;
    if (!rule.SchemaChecked)
    {
        // Upstream opened a connection inside registerCallbacks to read the schema; here the callback's own
        // connection does it once, lazily. Throwing deactivates the plugin (stopOnError) with a clear message.
        var fields = await sg.SchemaFieldReadAsync(rule.EntityType);
        foreach (var field in new[] { rule.FromField, rule.ToField })
        {
            if (fields[field] is null)
            {
                throw new InvalidOperationException($"{rule.EntityType}.{field} is not in the site's schema; fix the rule in {PluginName}.csx.");
            }
        }

        rule.SchemaChecked = true;
    }

    // Python: event['meta']['entity_id']. JToken comparisons: compare the JSON value with the configured one.
    var entityId = e.Meta.Value<int?>("entity_id") ?? e.Entity?.Id;
    if (entityId is null || !JToken.DeepEquals(e.Meta["new_value"], rule.FromValue is null ? JValue.CreateNull() : JToken.FromObject(rule.FromValue)))
    {
        return;
    }

    await sg.UpdateAsync(rule.EntityType, entityId.Value, new Dictionary<string, object?> { [rule.ToField] = rule.ToValue });
    log.Info("Updated {0} #{1}: {2} = {3}.", rule.EntityType, entityId, rule.ToField, rule.ToValue);
}
