using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.ScheduleAttempts;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Delivery.DeleteSubscription;

internal sealed class DeleteSubscriptionHandler(ILiveUpdates live, DeliveryDbContext db, TimeProvider time) : ICommandHandler<DeleteSubscriptionCommand>
{
    public async ValueTask<Unit> Handle(DeleteSubscriptionCommand command, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.Subscriptions
            .Where(s => s.Id == command.SubscriptionId && s.ApplicationId == command.ApplicationId && s.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, now).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (deleted == 0)
        {
            throw Problems.NotFound.ToException();
        }

        await PendingAttempts.FailForSubscriptionAsync(db, command.SubscriptionId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        live.Publish(command.ApplicationId, LiveTopic.Subscriptions | LiveTopic.Attempts);
        return Unit.Value;
    }
}
