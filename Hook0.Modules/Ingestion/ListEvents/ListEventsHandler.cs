using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.Domain;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hook0.Modules.Ingestion.ListEvents;

/// <summary>
/// Keyset reads on <c>(application_id, received_at desc, event_id desc)</c> (or its twin led by the event
/// type): a page costs its own rows whatever its depth, and nothing is counted. Payload filters read each day
/// partition's payload GIN index instead (<see cref="PayloadFilter"/>).
/// </summary>
internal sealed class ListEventsHandler(IngestionDbContext db, PayloadSearchApplications payloadSearch) : IQueryHandler<ListEventsQuery, EventPage>
{
    public async ValueTask<EventPage> Handle(ListEventsQuery query, CancellationToken cancellationToken)
    {
        if (query.Limit is < 1 or > ListEventsQuery.MaxLimit)
        {
            throw Problems.InvalidParameter.With($"The parameter 'limit' must be between 1 and {ListEventsQuery.MaxLimit}.");
        }

        var payload = PayloadSearch.Check(query.PayloadContains, query.PayloadPath, query.PayloadValue, out var payloadError);
        if (payloadError is not null)
        {
            throw Problems.InvalidParameter.With(payloadError.Message);
        }

        if (payload is not null && !await payloadSearch.IsOnAsync(query.ApplicationId, cancellationToken))
        {
            throw Problems.PayloadSearchDisabled.ToException();
        }

        try
        {
            return await ReadAsync(query, payload, cancellationToken);
        }
        catch (PostgresException e) when (payload is not null && e.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            // A data exception (class 22) can only come from the filter's JSON, which the checks above should already have
            // refused: still the client's mistake, so a 400, never a 500.
            throw Problems.InvalidParameter.With($"The payload filter is JSON the database cannot read: {e.MessageText}");
        }
    }

    private async Task<EventPage> ReadAsync(ListEventsQuery query, PayloadCriteria? payload, CancellationToken cancellationToken)
    {
        var cursor = query.Cursor is { Length: > 0 } text ? EventCursor.Decode(text) : null;
        var read = await PageQuery(db, query, payload, cursor).ToListAsync(cancellationToken);
        List<EventDto> rows;
        string? next, previous;
        if (cursor is { Newer: true })
        {
            // Read upwards from the cursor, then shown newest first.
            rows = read.Take(query.Limit).Reverse().ToList();
            previous = read.Count > query.Limit ? Newer(rows[0]) : null;
            next = rows.Count > 0 ? Older(rows[^1]) : null;
        }
        else
        {
            rows = read.Take(query.Limit).ToList();
            next = read.Count > query.Limit ? Older(rows[^1]) : null;
            previous = cursor is not null && rows.Count > 0 ? Newer(rows[0]) : null;
        }

        return new EventPage(rows, next, previous);
    }

    /// <summary>
    /// The one statement a page costs (one row more than the page, to know whether another follows): older than the
    /// cursor, newest first, or, for a <see cref="EventCursor.Newer"/> cursor, newer than it, oldest first (the same
    /// index read backwards). The plan tests explain exactly this.
    /// </summary>
    internal static IQueryable<EventDto> PageQuery(IngestionDbContext context, ListEventsQuery query, PayloadCriteria? payload, EventCursor? cursor)
    {
        var events = Filtered(context, query, payload);
        if (cursor is { Newer: true })
        {
            var (at, id) = (cursor.At, cursor.Id);
            return Project(events
                .Where(e => e.ReceivedAt >= at && (e.ReceivedAt > at || e.Id.CompareTo(id) > 0))
                .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).Take(query.Limit + 1));
        }

        if (cursor is not null)
        {
            // The redundant bound makes received_at an index condition, not a filter over every newer row.
            var (at, id) = (cursor.At, cursor.Id);
            events = events.Where(e => e.ReceivedAt <= at && (e.ReceivedAt < at || e.Id.CompareTo(id) < 0));
        }

        return Project(events.OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id).Take(query.Limit + 1));
    }

    private static IQueryable<Event> Filtered(IngestionDbContext context, ListEventsQuery query, PayloadCriteria? payload)
    {
        var events = context.Events.AsNoTracking().Where(e => e.ApplicationId == query.ApplicationId);
        if (query.EventId is { } eventId)
        {
            events = events.WithId(context, eventId);
        }

        if (query.EventType is { Length: > 0 } type)
        {
            events = events.Where(e => e.EventTypeName == type);
        }

        if (query.LabelKey is { Length: > 0 } key)
        {
            var labels = JsonSerializer.Serialize(new Dictionary<string, string> { [key] = query.LabelValue ?? string.Empty });
            events = events.Where(e => EF.Functions.JsonContains(e.Labels, labels));
        }

        if (query.From is { } from)
        {
            events = events.Where(e => e.ReceivedAt >= from);
        }

        if (query.To is { } to)
        {
            events = events.Where(e => e.ReceivedAt < to);
        }

        if (payload is not null)
        {
            events = events.WithPayload(payload);
        }

        return events;
    }

    private static IQueryable<EventDto> Project(IQueryable<Event> events)
        => events.Select(e => new EventDto(e.Id, e.EventTypeName, e.PayloadContentType, e.Ip == null ? string.Empty : e.Ip.ToString(),
            e.Metadata, e.OccurredAt, e.ReceivedAt, e.Labels));

    private static string Older(EventDto row) => new EventCursor(row.ReceivedAt, row.EventId, Newer: false).Encode();

    private static string Newer(EventDto row) => new EventCursor(row.ReceivedAt, row.EventId, Newer: true).Encode();
}
