using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Delivery.DeleteSubscription;

/// <summary>A deletion is the one disabling path with the subscription marked deleted: its queued attempts are cancelled (<c>subscription_gone</c>).</summary>
internal sealed class DeleteSubscriptionHandler(ILiveUpdates live, DeliveryDbContext db, AttemptLifecycle lifecycle, AuditTrail audit) : ICommandHandler<DeleteSubscriptionCommand>
{
    public async ValueTask<Unit> Handle(DeleteSubscriptionCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Subscriptions.AnyAsync(s => s.Id == command.SubscriptionId && s.ApplicationId == command.ApplicationId && s.DeletedAt == null, cancellationToken))
        {
            throw Problems.NotFound.ToException();
        }

        var (connection, npgsqlTransaction) = db.Npgsql(transaction);
        await lifecycle.DisableSubscriptionAsync(connection, npgsqlTransaction, command.SubscriptionId, DisableCause.Deleted, "deleted by a user", null, cancellationToken);
        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(null, "subscription", command.SubscriptionId, "delete") { ApplicationId = command.ApplicationId }),
            db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        live.Publish(command.ApplicationId, LiveTopic.Subscriptions | LiveTopic.Attempts);
        return Unit.Value;
    }
}
