using Newtonsoft.Json.Linq;
using ShotgunEvents.Emulator.Schema;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>
/// Runs reads against the site. Entity reads filter, sort and page in memory. EventLogEntry reads start from a binary
/// search on the id window and, in id order, stop as soon as the page (plus one row, for <c>has_next_page</c>) is
/// full: a poll for <c>id &gt; N</c> costs O(log n + page) whatever the log's size.
/// </summary>
internal sealed class QueryEngine(SiteData site)
{
    public ReadResult Read(ReadRequest request)
    {
        var skip = (long)(request.Page - 1) * request.PageSize;
        if (request.Entity.Name == SiteData.EventLogEntryType && InIdOrder(request.Sorts, out var descending))
        {
            return ReadInOrder(Events(request.Filter, request.ReturnOnly, descending), skip, request.PageSize, request.CountAll);
        }

        var rows = Matches(request.Entity, request.Filter, request.ReturnOnly, request.IncludeArchivedProjects).ToList();
        foreach (var preset in request.Presets)
        {
            rows = [.. preset.Apply(rows, site)];
        }
        var sorted = Sort(rows, request.Sorts);
        var page = sorted.Skip((int)Math.Min(skip, int.MaxValue)).Take(request.PageSize).ToList();
        return new ReadResult(page, sorted.Count > skip + request.PageSize, request.CountAll ? sorted.Count : null);
    }

    /// <summary>Every row of the type that passes the filter, in id order.</summary>
    public IEnumerable<IRow> Matches(EntitySchema entity, FilterNode filter, ReturnOnly returnOnly, bool includeArchivedProjects = true)
    {
        if (entity.Name == SiteData.EventLogEntryType)
        {
            return Events(filter, returnOnly, descending: false);
        }

        var retired = returnOnly == ReturnOnly.Retired;
        return site.Table(entity.Name).Records.Values
            .Where(r => r.Retired == retired && (includeArchivedProjects || !InArchivedProject(r)) && filter.Matches(r, site))
            .OrderBy(r => r.Id);
    }

    private static ReadResult ReadInOrder(IEnumerable<IRow> matches, long skip, int pageSize, bool countAll)
    {
        var page = new List<IRow>(Math.Min(pageSize, 1024));
        long seen = 0;
        var hasNext = false;
        foreach (var row in matches)
        {
            seen++;
            if (seen <= skip)
            {
                continue;
            }

            if (page.Count < pageSize)
            {
                page.Add(row);
            }
            else
            {
                hasNext = true;
                if (!countAll)
                {
                    break;
                }
            }
        }

        return new ReadResult(page, hasNext, countAll ? (int)seen : null);
    }

    private IEnumerable<IRow> Events(FilterNode filter, ReturnOnly returnOnly, bool descending)
    {
        if (returnOnly == ReturnOnly.Retired)
        {
            yield break;
        }

        var range = IdRange.From(filter);
        if (range.IsEmpty)
        {
            yield break;
        }

        var log = site.Events;
        var nowMs = site.NowMs;
        var start = range.Min == int.MinValue ? 0 : log.IndexAfter(range.Min - 1);
        var end = log.IndexAfter(range.Max);
        for (var n = 0; n < end - start; n++)
        {
            var index = descending ? end - 1 - n : start + n;
            var row = log[index];
            if (!log.IsVisible(row.Id, nowMs))
            {
                continue;
            }

            var view = new EventView(row, log);
            if (filter.Matches(view, site))
            {
                yield return view;
            }
        }
    }

    private static bool InIdOrder(IReadOnlyList<SortKey> sorts, out bool descending)
    {
        descending = sorts.Count == 1 && sorts[0].Descending;
        return sorts.Count == 0 || (sorts.Count == 1 && !sorts[0].Path.IsDeep && sorts[0].Path.Root.Name == "id");
    }

    private List<IRow> Sort(List<IRow> rows, IReadOnlyList<SortKey> sorts)
    {
        if (sorts.Count == 0)
        {
            return rows;
        }

        var keyed = rows.Select(r => (Row: r, Keys: sorts.Select(s => SortValue(s.Path.ReadSingle(r, site), s.Path.Leaf.Kind)).ToArray())).ToList();
        keyed.Sort((a, b) =>
        {
            for (var i = 0; i < sorts.Count; i++)
            {
                var order = TypedValue.Compare(a.Keys[i], b.Keys[i]);
                if (order != 0)
                {
                    return sorts[i].Descending ? -order : order;
                }
            }

            return a.Row.Id.CompareTo(b.Row.Id);
        });
        return keyed.ConvertAll(k => k.Row);
    }

    /// <summary>Links sort by name; lists by their first item; serializable values are ignored, as on a site.</summary>
    private static object? SortValue(JToken? value, FieldKind kind) => kind switch
    {
        FieldKind.Entity => value is JObject link ? (string?)link["name"] : null,
        FieldKind.MultiEntity => value is JArray { Count: > 0 } links ? (string?)links[0]["name"] : null,
        FieldKind.TagList => value is JArray { Count: > 0 } tags ? (string?)tags[0] : null,
        FieldKind.Serializable or FieldKind.Url or FieldKind.Image or FieldKind.Password => null,
        _ => TypedValue.From(value, kind),
    };

    private bool InArchivedProject(EntityRecord record)
    {
        var project = record.Type == "Project" ? record : record.Stored("project") is JObject link ? site.Find("Project", (int)link["id"]!) : null;
        return project?.Stored("archived") is { Type: JTokenType.Boolean } archived && (bool)archived;
    }
}
