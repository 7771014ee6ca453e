using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;

namespace Hook0.Modules.Delivery.ListRequestAttempts;

/// <summary>Attempt rows joined with what their answer shows (subscription description, HTTP status).</summary>
internal static class AttemptProjection
{
    public static IQueryable<AttemptRow> Project(DeliveryDbContext db, IQueryable<RequestAttempt> attempts)
        => from a in attempts
           join s in db.Subscriptions on a.SubscriptionId equals s.Id
           join r in db.Responses on a.ResponseId equals r.Id into responses
           from r in responses.DefaultIfEmpty()
           select new AttemptRow(a.Id, a.EventId, a.EventTypeName, a.SubscriptionId, s.Description, a.CreatedAt, a.PickedAt,
               a.FailedAt, a.SucceededAt, a.DelayUntil, a.ResponseId, a.RetryCount, r == null ? null : r.HttpCode);

    internal sealed record AttemptRow(
        Guid Id, Guid EventId, string EventTypeName, Guid SubscriptionId, string? Description, DateTime CreatedAt, DateTime? PickedAt,
        DateTime? FailedAt, DateTime? SucceededAt, DateTime? DelayUntil, Guid? ResponseId, short RetryCount, short? HttpCode)
    {
        public RequestAttemptDto ToDto(DateTime now) => new(
            Id, EventId, new AttemptEventDto(EventId, EventTypeName), new AttemptSubscriptionDto(SubscriptionId, Description),
            CreatedAt, PickedAt, FailedAt, SucceededAt, DelayUntil, ResponseId, RetryCount, HttpCode,
            AttemptStatusDto.Of(CreatedAt, PickedAt, DelayUntil, SucceededAt, FailedAt, now));
    }
}
