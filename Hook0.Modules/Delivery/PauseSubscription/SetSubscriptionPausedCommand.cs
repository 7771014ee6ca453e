using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Kernel.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.PauseSubscription;

internal sealed class SetSubscriptionPausedHandler(ILiveUpdates live, DeliveryDbContext db, SubscriptionViews views, TimeProvider time) : ICommandHandler<SetSubscriptionPausedCommand, SubscriptionDto>
{
    public async ValueTask<SubscriptionDto> Handle(SetSubscriptionPausedCommand command, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.Include(s => s.EventTypes).Include(s => s.EventTypePatterns).Include(s => s.Secrets)
            .FirstOrDefaultAsync(s => s.Id == command.SubscriptionId && s.ApplicationId == command.ApplicationId && s.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        subscription.IsPaused = command.Paused;
        subscription.UpdatedAt = time.UtcNowForDatabase();
        await db.SaveChangesAsync(cancellationToken);
        if (!command.Paused)
        {
            // Resumed work is due at once: wake the workers rather than wait for their next poll.
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({PgNotificationHub.AttemptsChannel}, '')", cancellationToken);
        }

        live.Publish(command.ApplicationId, LiveTopic.Subscriptions);
        return await views.OneAsync(command.Caller, subscription, cancellationToken);
    }
}
