using System.Globalization;
using System.Text;
using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.ListEvents;

/// <summary>
/// Newest first. Upstream answers only the last 100 events; here the same first page is followed by
/// keyset pages (a <c>Link: rel="next"</c> header) and can be filtered (ADR 0005).
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
    int Limit) : IQuery<EventPage>, IAuthorizedRequest
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public Access Access => new(Caller, "event:list", ApplicationId: ApplicationId);
}

public sealed record EventPage(IReadOnlyList<EventDto> Items, string? NextCursor);

internal sealed class ListEventsHandler(IngestionDbContext db) : IQueryHandler<ListEventsQuery, EventPage>
{
    public async ValueTask<EventPage> Handle(ListEventsQuery query, CancellationToken cancellationToken)
    {
        if (query.Limit is < 1 or > ListEventsQuery.MaxLimit)
        {
            throw Problems.InvalidParameter.With($"The parameter 'limit' must be between 1 and {ListEventsQuery.MaxLimit}.");
        }

        var events = db.Events.AsNoTracking().Where(e => e.ApplicationId == query.ApplicationId);
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

        if (query.Cursor is { Length: > 0 })
        {
            var (at, id) = DecodeCursor(query.Cursor);
            events = events.Where(e => e.ReceivedAt < at || (e.ReceivedAt == at && e.Id.CompareTo(id) < 0));
        }

        var rows = await events.OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id).Take(query.Limit)
            .Select(e => new EventDto(e.Id, e.EventTypeName, e.PayloadContentType, e.Ip == null ? string.Empty : e.Ip.ToString(),
                e.Metadata, e.OccurredAt, e.ReceivedAt, e.Labels))
            .ToListAsync(cancellationToken);
        var next = rows.Count == query.Limit ? EncodeCursor(rows[^1].ReceivedAt, rows[^1].EventId) : null;
        return new EventPage(rows, next);
    }

    private static string EncodeCursor(DateTime at, Guid id)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.ToString("O", CultureInfo.InvariantCulture)}|{id}")).Replace('+', '-').Replace('/', '_');

    private static (DateTime At, Guid Id) DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/')));
            var parts = text.Split('|');
            return (DateTime.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(), Guid.Parse(parts[1]));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException)
        {
            throw Problems.InvalidParameter.With("The parameter 'cursor' is malformed.");
        }
    }
}
