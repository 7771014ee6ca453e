using System.Text.Json;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Health;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.ScheduleAttempts;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.EditSubscription;

/// <summary>
/// Replaces a subscription's upstream fields (event types included). Fields this implementation adds
/// later keep their value when the request omits them, so an upstream client never wipes them.
/// </summary>
public sealed record EditSubscriptionCommand(
    Caller Caller,
    Guid SubscriptionId,
    Guid ApplicationId,
    bool IsEnabled,
    IReadOnlyList<string> EventTypes,
    string? Description,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyDictionary<string, string> Labels,
    string? LabelKey,
    string? LabelValue,
    string Method,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string>? DedicatedWorkers,
    JsonElement RetryPolicy,
    JsonElement MaxConcurrency,
    JsonElement RateLimitPerSecond,
    JsonElement SignatureSchemes,
    JsonElement AsymmetricSignatures) : ICommand<SubscriptionDto>, IAuthorizedRequest, ISubscriptionFields
{
    public Access Access => new(Caller, Actions.SubscriptionEdit, ApplicationId: ApplicationId, Facts: [AccessFacts.SubscriptionId(SubscriptionId)]);

    public static EditSubscriptionCommand From(Caller caller, Guid subscriptionId, SubscriptionPost body)
    {
        var resolved = body.Resolve();
        return new(caller, subscriptionId, body.ApplicationId, body.IsEnabled, body.EventTypes, body.Description, body.Metadata ?? [],
            resolved.Labels, resolved.LegacyKey, resolved.LegacyValue, body.Target.Method, body.Target.Url, body.Target.Headers ?? [],
            body.DedicatedWorkers, body.RetryPolicy, body.MaxConcurrency, body.RateLimitPerSecond,
            body.SignatureSchemes, body.AsymmetricSignatures);
    }
}

internal sealed class EditSubscriptionValidator : SubscriptionFieldsValidator<EditSubscriptionCommand>;

internal sealed class EditSubscriptionHandler(DeliveryDbContext db, SubscriptionReferenceChecks checks, SigningKeyFactory keys,
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
        return await views.OneAsync(subscription, cancellationToken);
    }
}
