using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.PauseSubscription;

/// <summary>Pausing parks the subscription's queued attempts on its lane (the claim no longer sees them); resuming puts them back, in order, and wakes the workers.</summary>
internal sealed class SetSubscriptionPausedHandler(ILiveUpdates live, DeliveryDbContext db, SubscriptionViews views, AuditTrail audit, TimeProvider time) : ICommandHandler<SetSubscriptionPausedCommand, SubscriptionDto>
{
    public async ValueTask<SubscriptionDto> Handle(SetSubscriptionPausedCommand command, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.Include(s => s.EventTypes).Include(s => s.EventTypePatterns).Include(s => s.Secrets)
            .FirstOrDefaultAsync(s => s.Id == command.SubscriptionId && s.ApplicationId == command.ApplicationId && s.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        subscription.IsPaused = command.Paused;
        subscription.UpdatedAt = time.UtcNowForDatabase();
        var record = AuditTrail.Prepare(db, new AuditChange(null, "subscription", subscription.Id, command.Paused ? "pause" : "resume")
        {
            ApplicationId = subscription.ApplicationId,
        });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var (connection, npgsqlTransaction) = db.Npgsql(transaction);
        await AttemptLifecycle.SetLaneAsync(connection, npgsqlTransaction, subscription.ApplicationId, subscription.Id, subscription.IsPaused,
            subscription.MaxConcurrency, subscription.RateLimitPerSecond, cancellationToken, subscription.TargetType == SubscriptionTargetTypes.Cli);
        await audit.WriteAsync(record, db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        live.Publish(command.ApplicationId, LiveTopic.Subscriptions);
        return await views.OneAsync(command.Caller, subscription, cancellationToken);
    }
}
