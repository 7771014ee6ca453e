using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.RotateSecret;

internal sealed class RotateSecretHandler(DeliveryDbContext db, SigningKeyFactory keys, SubscriptionViews views, IOptions<SecretsOptions> options,
    AuditTrail audit, TimeProvider time) : ICommandHandler<RotateSecretCommand, SubscriptionDto>
{
    public async ValueTask<SubscriptionDto> Handle(RotateSecretCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One rotation at a time per subscription, so the limit on valid secrets holds.
        var locked = await db.Database.SqlQuery<Guid>(
                $"SELECT subscription_id AS \"Value\" FROM webhook.subscription WHERE subscription_id = {command.SubscriptionId} AND application_id = {command.ApplicationId} AND deleted_at IS NULL FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            throw Problems.NotFound.ToException();
        }

        var subscription = await db.Subscriptions.Include(s => s.EventTypes).Include(s => s.EventTypePatterns).Include(s => s.Secrets)
            .FirstAsync(s => s.Id == command.SubscriptionId, cancellationToken);
        var now = time.UtcNowForDatabase();
        var o = options.Value;
        var hmac = subscription.Secrets.Where(k => k.Kind == SubscriptionSecret.Hmac).ToList();
        if (hmac.Count(k => k.ExpiresAt is null || k.ExpiresAt > now) >= o.MaxValidSecrets)
        {
            throw Problems.TooManySubscriptionSecrets.ToException();
        }

        foreach (var expired in hmac.Where(k => k.ExpiresAt <= now))
        {
            subscription.Secrets.Remove(expired);
        }

        var previousExpiresAt = now.AddSeconds(o.RotationGracePeriodSeconds);
        foreach (var current in hmac.Where(k => k.ExpiresAt is null))
        {
            current.ExpiresAt = previousExpiresAt;
        }

        // Told in the rotation's own transaction (the relay leaves out the system application's subscriptions).
        OperationalOutbox.SecretRotated(db, subscription, previousExpiresAt, now);

        // Added through the set: a new row whose key is already set would otherwise be taken for an existing one.
        db.SubscriptionSecrets.Add(keys.NewHmacSecret(subscription.Id, now));
        subscription.UpdatedAt = now;
        await audit.SaveChangesAsync(db, new AuditChange(null, "subscription", subscription.Id, "rotate") { ApplicationId = subscription.ApplicationId }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await views.OneAsync(command.Caller, subscription, cancellationToken);
    }
}
