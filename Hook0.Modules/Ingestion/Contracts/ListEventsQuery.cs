using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>
/// Newest first. Upstream answers only the last 100 events; here the same first page is followed by
/// keyset pages (a <c>Link: rel="next"</c> header) and can be filtered (ADR 0005). <see cref="EventId"/>
/// narrows the list to one event (the dashboard's search); a <see cref="EventPage.PreviousCursor"/>
/// passed as <see cref="Cursor"/> pages back towards the newest events. The payload filters are
/// <see cref="PayloadSearch"/>'s (issue #23): only JSON payloads match them.
/// </summary>
public sealed record ListEventsQuery(
    Caller Caller,
    Guid ApplicationId,
    string? EventType,
    string? LabelKey,
    string? LabelValue,
    DateTime? From,
    DateTime? To,
    string? Cursor,
    int Limit,
    Guid? EventId = null,
    string? PayloadContains = null,
    string? PayloadPath = null,
    string? PayloadValue = null) : IQuery<EventPage>, IAuthorizedRequest
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public Access Access => new(Caller, Actions.EventList, ApplicationId: ApplicationId);
}

/// <param name="Items">Newest first.</param>
/// <param name="NextCursor">Older events exist: this cursor reads them.</param>
/// <param name="PreviousCursor">Newer events exist than the first item: this cursor reads them (null on the first page).</param>
public sealed record EventPage(IReadOnlyList<EventDto> Items, string? NextCursor, string? PreviousCursor = null);
