using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Quotas;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.EntityFrameworkCore;
using Mediator;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.CreateSubscription;

internal sealed class CreateSubscriptionValidator(IOptions<DeliveryOptions> delivery) : SubscriptionFieldsValidator<CreateSubscriptionCommand>(delivery.Value.SignatureHeaderName);

internal sealed class CreateSubscriptionHandler(ILiveUpdates live, DeliveryDbContext db, SubscriptionReferenceChecks checks, SigningKeyFactory keys,
    SubscriptionViews views, ISender sender, AuditTrail audit, TimeProvider time, SecretProtector protector)
    : ICommandHandler<CreateSubscriptionCommand, SubscriptionDto>
{
    public async ValueTask<SubscriptionDto> Handle(CreateSubscriptionCommand command, CancellationToken cancellationToken)
    {
        await checks.EnsureValidAsync(command.Fields, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var limits = await sender.Send(new GetApplicationQuotasQuery(command.Fields.ApplicationId), cancellationToken);
        if (limits is { Enforced: true } || command.MaxInLabelScope is not null)
        {
            // One lock per application for both counts: creations of one application are serialized only when counted.
            await QuotaGate.LockAsync(db, "subscriptions", command.Fields.ApplicationId, cancellationToken);
        }

        if (limits is { Enforced: true })
        {
            var count = await db.Subscriptions.CountAsync(s => s.ApplicationId == command.Fields.ApplicationId && s.DeletedAt == null, cancellationToken);
            QuotaGate.EnsureRoom(count, limits.SubscriptionsPerApplication, Problems.TooManySubscriptionsPerApplication);
        }

        if (command.MaxInLabelScope is { } cap)
        {
            var labels = System.Text.Json.JsonSerializer.Serialize(command.Fields.Labels);
            var inScope = await db.Subscriptions.CountAsync(s => s.ApplicationId == command.Fields.ApplicationId && s.DeletedAt == null
                && EF.Functions.JsonContains(s.Labels, labels), cancellationToken);
            QuotaGate.EnsureRoom(inScope, cap, Problems.TooManyPortalEndpoints);
        }

        var now = time.UtcNowForDatabase();
        var subscription = new Subscription
        {
            Id = Guid.NewGuid(),
            TargetMethod = command.Fields.Method,
            TargetUrl = command.Fields.Url,
            CreatedAt = now,
        };
        subscription.Apply(command.Fields, now);
        subscription.ApplyEgressAuth(command.Fields, protector, now);
        db.Subscriptions.Add(subscription);
        db.SubscriptionSecrets.Add(keys.NewHmacSecret(subscription.Id, now));
        subscription.ApplyAsymmetricSignatures(command.Fields.AsymmetricSignatures, keys, db, now);
        var record = AuditTrail.Prepare(db, new AuditChange(null, "subscription", subscription.Id, "create") { ApplicationId = subscription.ApplicationId });
        await db.SaveChangesAsync(cancellationToken);
        var (connection, npgsqlTransaction) = db.Npgsql(transaction);
        await AttemptLifecycle.SetLaneAsync(connection, npgsqlTransaction, subscription.ApplicationId, subscription.Id, subscription.IsPaused,
            subscription.MaxConcurrency, subscription.RateLimitPerSecond, cancellationToken, subscription.TargetType == SubscriptionTargetTypes.Cli);
        await audit.WriteAsync(record, db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        live.Publish(command.Fields.ApplicationId, LiveTopic.Subscriptions);
        return await views.OneAsync(command.Caller, subscription, cancellationToken);
    }
}
