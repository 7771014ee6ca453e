using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Health;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.ScheduleAttempts;
using Hook0.Modules.Delivery.SendAttempts;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.EditSubscription;

internal sealed class EditSubscriptionValidator(IOptions<DeliveryOptions> delivery) : SubscriptionFieldsValidator<EditSubscriptionCommand>(delivery.Value.SignatureHeaderName);

internal sealed class EditSubscriptionHandler(ILiveUpdates live, DeliveryDbContext db, SubscriptionReferenceChecks checks, SigningKeyFactory keys,
    SubscriptionViews views, TimeProvider time)
    : ICommandHandler<EditSubscriptionCommand, SubscriptionDto>
{
    public async ValueTask<SubscriptionDto> Handle(EditSubscriptionCommand command, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.Include(s => s.EventTypes).Include(s => s.EventTypePatterns).Include(s => s.Secrets)
            .FirstOrDefaultAsync(s => s.Id == command.SubscriptionId && s.ApplicationId == command.ApplicationId && s.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        await checks.EnsureValidAsync(command, cancellationToken);
        var now = time.UtcNowForDatabase();
        var wasEnabled = subscription.IsEnabled;
        subscription.Apply(command, now);
        subscription.ApplyAsymmetricSignatures(command.AsymmetricSignatures, keys, db, now);
        if (wasEnabled != command.IsEnabled)
        {
            HealthTransitionRecorder.MoveTo(db, subscription, command.IsEnabled ? HealthStates.Healthy : HealthStates.Disabled,
                command.IsEnabled ? "enabled by a user" : "disabled by a user", now);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (!command.IsEnabled)
        {
            await PendingAttempts.FailForSubscriptionAsync(db, subscription.Id, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        live.Publish(command.ApplicationId, LiveTopic.Subscriptions);
        return await views.OneAsync(command.Caller, subscription, cancellationToken);
    }
}
