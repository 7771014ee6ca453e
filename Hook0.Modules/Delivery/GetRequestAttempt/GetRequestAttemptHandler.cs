using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.GetRequestAttempt;

/// <summary>
/// One attempt, unfinished (the queue, by its primary key) or finished (the history, by its primary key with created_at
/// bounded around the time its UUIDv7 id carries, ADR 0016). The queue is read first: an attempt that finishes between
/// the two reads has left it in the same transaction that wrote its history row, so it is found in the history.
/// </summary>
internal sealed class GetRequestAttemptHandler(DeliveryDbContext db, ISender sender, TimeProvider time) : IQueryHandler<GetRequestAttemptQuery, RequestAttemptDto>
{
    public async ValueTask<RequestAttemptDto> Handle(GetRequestAttemptQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var id = query.RequestAttemptId;
        var row = await AttemptProjection.FromQueue(db.Queue.AsNoTracking().Where(q => q.ApplicationId == query.ApplicationId && q.RequestAttemptId == id), now)
            .FirstOrDefaultAsync(cancellationToken);
        string? sentHeaders = null;
        if (row is null)
        {
            var (from, to) = (AttemptKeyset.TimeOf(id) - AttemptKeyset.Slack, AttemptKeyset.TimeOf(id) + AttemptKeyset.Slack);
            var history = db.AttemptHistory.AsNoTracking()
                .Where(a => a.ApplicationId == query.ApplicationId && a.CreatedAt >= from && a.CreatedAt <= to && a.RequestAttemptId == id);
            row = await AttemptProjection.FromHistory(history).FirstOrDefaultAsync(cancellationToken);
            sentHeaders = row is null ? null : await history.Select(a => a.RequestHeaders).FirstOrDefaultAsync(cancellationToken);
        }

        var dto = (await AttemptProjection.ToDtosAsync(db, [row ?? throw Problems.NotFound.ToException()], now, cancellationToken))[0];
        // A finished attempt that was tried shows the request as sent (ADR 0019); an unfinished one has not been sent yet.
        return dto with { Request = await SentRequestReader.ReadAsync(sender, query.Caller, query.ApplicationId, dto.EventId, sentHeaders, cancellationToken) };
    }
}
