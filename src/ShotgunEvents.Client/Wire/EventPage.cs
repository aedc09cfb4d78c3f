using ShotgunEvents.Api;

namespace ShotgunEvents.Client.Wire;

/// <summary>One <c>read</c> answer as <see cref="EventPageReader"/> takes it off the wire.</summary>
/// <param name="Rows">The records, in the site's order, strings unescaped as <see cref="RecordParser"/> does.</param>
/// <param name="HasNextPage"><c>paging_info.has_next_page</c>, or null when the answer has none.</param>
internal sealed record EventPage(IReadOnlyList<WireObject> Rows, bool? HasNextPage);
