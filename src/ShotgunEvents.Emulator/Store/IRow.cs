using Newtonsoft.Json.Linq;

namespace ShotgunEvents.Emulator.Store;

/// <summary>One readable row, an entity or an event, as filters, sorts and the renderer see it.</summary>
internal interface IRow
{
    string Type { get; }

    int Id { get; }

    /// <summary>
    /// The field as a read returns it: links resolved against live rows (with their current name), never-set fields at
    /// their empty value. The token may be shared with the store: clone it before attaching it to another object.
    /// </summary>
    JToken? Read(string field, SiteData site);
}
