using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Query;
using ShotgunEvents.Emulator.Store;
using ShotgunEvents.Emulator.Writes;

namespace ShotgunEvents.Emulator.Api3;

/// <summary>
/// api3 <c>create</c>, <c>update</c>, <c>delete</c> and <c>revive</c> (protocol §2.6). Each runs as its own
/// transaction; <see cref="BatchMethod"/> runs several in one through <see cref="Apply"/>.
/// </summary>
internal static class WriteMethods
{
    public static JToken Run(EmulatorStore store, string method, JObject? auth, JToken? rawParameters)
    {
        var actor = store.Read(site => AuthResolver.Resolve(site, auth));
        var parameters = Api3Params.Object(rawParameters, method);
        return store.Write(tx => Apply(store, method, parameters, actor, tx));
    }

    /// <summary>Applies one write inside <paramref name="tx"/>; the returned function renders its result after commit.</summary>
    public static Func<JToken> Apply(EmulatorStore store, string method, JObject parameters, Actor actor, WriteTransaction tx)
    {
        var site = store.Site;
        var entity = Api3Params.Entity(site, parameters, method);
        var writer = store.Writer();
        switch (method)
        {
            case "create":
                var fields = Api3Params.Fields(parameters, method);
                var returned = Api3Params.ReturnFields(site, entity, parameters["return_fields"], method, fields.Select(f => f.Name));
                if (entity.Name == SiteData.EventLogEntryType)
                {
                    var id = 0;
                    new CustomEventWriter(site).Create(fields, actor, tx, committed => id = committed, method);
                    return () => RecordRenderer.Render(new EventView(site.Events[site.Events.IndexOf(id)], site.Events), returned, site);
                }

                var created = writer.Create(entity, fields, actor, tx, method);
                return () => RecordRenderer.Render(created, returned, site);
            case "update":
                var changes = Api3Params.Fields(parameters, method);
                var updated = writer.Update(entity, Api3Params.Id(parameters, method), changes, actor, tx, method);
                var shown = Api3Params.ReturnFields(site, entity, new JArray(changes.Select(f => f.Name)), method);
                return () => RecordRenderer.Render(updated, shown, site);
            case "delete":
                var deleted = writer.Delete(entity, Api3Params.Id(parameters, method), actor, tx, method);
                return () => deleted;
            default:
                var revived = writer.Revive(entity, Api3Params.Id(parameters, method), actor, tx, method);
                return () => revived;
        }
    }
}
