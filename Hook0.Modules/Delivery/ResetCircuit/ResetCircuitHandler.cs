using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Live;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.ResetCircuit;

/// <summary>Resets the lane's protection through the lifecycle (which owns lanes) and wakes the workers: what waited may go now.</summary>
internal sealed class ResetCircuitHandler(ILiveUpdates live, DeliveryDbContext db, SubscriptionViews views, AttemptLifecycle lifecycle)
    : ICommandHandler<ResetCircuitCommand, SubscriptionDto>
{
    public async ValueTask<SubscriptionDto> Handle(ResetCircuitCommand command, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.EventTypes).Include(s => s.EventTypePatterns).Include(s => s.Secrets)
            .FirstOrDefaultAsync(s => s.Id == command.SubscriptionId && s.ApplicationId == command.ApplicationId && s.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (connection, npgsqlTransaction) = db.Npgsql(transaction);
        await lifecycle.ResetProtectionAsync(connection, npgsqlTransaction, subscription.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        live.Publish(command.ApplicationId, LiveTopic.Subscriptions);
        return await views.OneAsync(command.Caller, subscription, cancellationToken);
    }
}
