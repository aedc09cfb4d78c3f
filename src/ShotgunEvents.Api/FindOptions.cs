namespace ShotgunEvents.Api;

/// <summary>The optional parts of a find: order, limit, page, whether to read retired entities, archived projects and filter presets.</summary>
public sealed record FindOptions
{
    /// <summary>Sort keys, first key first. Empty means the site's default (id ascending).</summary>
    public IReadOnlyList<SortOrder> Order { get; init; } = [];

    /// <summary>The most entities to return; 0 for no limit.</summary>
    public int Limit { get; init; }

    /// <summary>A single page to read (1-based); 0 reads every page.</summary>
    public int Page { get; init; }

    /// <summary>True to read only retired (deleted) entities instead of active ones.</summary>
    public bool RetiredOnly { get; init; }

    /// <summary>False to leave out entities of archived projects.</summary>
    public bool IncludeArchivedProjects { get; init; } = true;

    /// <summary>
    /// Server-side filter presets, ANDed with the filters (sites from 7.0), each as the Python API spells it:
    /// <c>{"preset_name": "LATEST", "latest_by": "ENTITIES_CREATED_AT"}</c> or
    /// <c>{"preset_name": "CUT_SHOT_VERSIONS", "cut_id": 1}</c>. Empty for none.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> AdditionalFilterPresets { get; init; } = [];
}
