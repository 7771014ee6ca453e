using System.Text.Json;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
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
    JsonElement RateLimitPerSecond) : ICommand<SubscriptionDto>, IAuthorizedRequest, ISubscriptionFields
{
    public Access Access => new(Caller, Actions.SubscriptionEdit, ApplicationId: ApplicationId, Facts: [AccessFacts.SubscriptionId(SubscriptionId)]);

    public static EditSubscriptionCommand From(Caller caller, Guid subscriptionId, SubscriptionPost body)
    {
        var resolved = body.Resolve();
        return new(caller, subscriptionId, body.ApplicationId, body.IsEnabled, body.EventTypes, body.Description, body.Metadata ?? [],
            resolved.Labels, resolved.LegacyKey, resolved.LegacyValue, body.Target.Method, body.Target.Url, body.Target.Headers ?? [],
            body.DedicatedWorkers, body.RetryPolicy, body.MaxConcurrency, body.RateLimitPerSecond);
    }
}

internal sealed class EditSubscriptionValidator : SubscriptionFieldsValidator<EditSubscriptionCommand>;

internal sealed class EditSubscriptionHandler(DeliveryDbContext db, SubscriptionReferenceChecks checks, TimeProvider time)
    : ICommandHandler<EditSubscriptionCommand, SubscriptionDto>
{
    public async ValueTask<SubscriptionDto> Handle(EditSubscriptionCommand command, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.Include(s => s.EventTypes).Include(s => s.EventTypePatterns)
            .FirstOrDefaultAsync(s => s.Id == command.SubscriptionId && s.ApplicationId == command.ApplicationId && s.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        await checks.EnsureValidAsync(command, cancellationToken);
        var now = time.UtcNowForDatabase();
        subscription.Apply(command, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (!command.IsEnabled)
        {
            await PendingAttempts.FailForSubscriptionAsync(db, subscription.Id, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return subscription.ToDto();
    }
}
