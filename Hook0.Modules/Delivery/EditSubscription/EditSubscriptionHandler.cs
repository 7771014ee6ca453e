using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.EditSubscription;

internal sealed class EditSubscriptionValidator(IOptions<DeliveryOptions> delivery) : SubscriptionFieldsValidator<EditSubscriptionCommand>(delivery.Value.SignatureHeaderName);

internal sealed class EditSubscriptionHandler(ILiveUpdates live, DeliveryDbContext db, SubscriptionReferenceChecks checks, SigningKeyFactory keys,
    SubscriptionViews views, AttemptLifecycle lifecycle, AuditTrail audit, TimeProvider time, SecretProtector protector)
    : ICommandHandler<EditSubscriptionCommand, SubscriptionDto>
{
    public async ValueTask<SubscriptionDto> Handle(EditSubscriptionCommand command, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.Include(s => s.EventTypes).Include(s => s.EventTypePatterns).Include(s => s.Secrets)
            .FirstOrDefaultAsync(s => s.Id == command.SubscriptionId && s.ApplicationId == command.Fields.ApplicationId && s.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        await checks.EnsureValidAsync(command.Fields, cancellationToken);
        var now = time.UtcNowForDatabase();
        var wasEnabled = subscription.IsEnabled;
        subscription.Apply(command.Fields, now);
        subscription.ApplyEgressAuth(command.Fields, protector, now);
        subscription.ApplyAsymmetricSignatures(command.Fields.AsymmetricSignatures, keys, db, now);
        // The switch itself (state, health, transition) is the lifecycle's: EF leaves is_enabled as it was.
        subscription.IsEnabled = wasEnabled;

        var record = AuditTrail.Prepare(db, new AuditChange(null, "subscription", subscription.Id, "update")
        {
            ApplicationId = subscription.ApplicationId,
            // The switch is made by the lifecycle's SQL, outside the change tracker.
            Details = wasEnabled == command.Fields.IsEnabled ? null : new Dictionary<string, object?>
            {
                ["subscription.is_enabled"] = new { from = wasEnabled, to = command.Fields.IsEnabled },
            },
        });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var (connection, npgsqlTransaction) = db.Npgsql(transaction);
        await AttemptLifecycle.SetLaneAsync(connection, npgsqlTransaction, subscription.ApplicationId, subscription.Id, subscription.IsPaused,
            subscription.MaxConcurrency, subscription.RateLimitPerSecond, cancellationToken, subscription.TargetType == SubscriptionTargetTypes.Cli);
        if (wasEnabled && !command.Fields.IsEnabled)
        {
            await lifecycle.DisableSubscriptionAsync(connection, npgsqlTransaction, subscription.Id, DisableCause.User, "disabled by a user", null, cancellationToken);
        }
        else if (!wasEnabled && command.Fields.IsEnabled)
        {
            await lifecycle.EnableSubscriptionAsync(connection, npgsqlTransaction, subscription.Id, "enabled by a user", cancellationToken);
        }

        await audit.WriteAsync(record, db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (wasEnabled != command.Fields.IsEnabled)
        {
            await db.Entry(subscription).ReloadAsync(cancellationToken);
        }

        live.Publish(command.Fields.ApplicationId, LiveTopic.Subscriptions | LiveTopic.Attempts);
        return await views.OneAsync(command.Caller, subscription, cancellationToken);
    }
}
