using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Live;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.DeadLetters;

/// <summary>
/// Sends dead letters again: each gets a fresh queued attempt and a mark that takes it off the dead-letter list (the
/// lifecycle's "dead letter retried"); the history row stays as written.
/// </summary>
internal sealed class RetryDeadLettersHandler(DeliveryDbContext db, AttemptLifecycle lifecycle, ILiveUpdates live, AuditTrail audit) : ICommandHandler<RetryDeadLettersCommand, RetryDeadLettersResult>
{
    public async ValueTask<RetryDeadLettersResult> Handle(RetryDeadLettersCommand command, CancellationToken cancellationToken)
    {
        var letters = Letters(command);
        var count = await letters.CountAsync(cancellationToken);
        if (command.AttemptId is not null && count == 0)
        {
            throw Problems.NotFound.With("No dead letter with this id can be retried (unknown, not dead, already retried, or its subscription is gone).");
        }

        if (command.DryRun)
        {
            return new RetryDeadLettersResult(count, true, 0);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dead = await letters
            .Select(a => new DeadLetter(a.ApplicationId, a.RequestAttemptId, a.SubscriptionId, a.EventId, a.EventReceivedAt, a.EventTypeName))
            .ToListAsync(cancellationToken);
        var (connection, npgsqlTransaction) = db.Npgsql(transaction);
        var retried = dead.Count == 0 ? 0 : await lifecycle.RequeueAsync(connection, npgsqlTransaction, dead, cancellationToken);
        // One record for the whole retry (a bulk retry can requeue thousands): what was asked and how many went.
        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(null, "request_attempt", command.AttemptId, "retry")
        {
            ApplicationId = command.ApplicationId,
            Details = new Dictionary<string, object?>
            {
                ["subscription_id"] = command.SubscriptionId,
                ["from"] = command.From,
                ["to"] = command.To,
                ["event_type_names"] = command.EventTypeNames,
                ["retried"] = retried,
            },
        }), connection, npgsqlTransaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        live.Publish(command.ApplicationId, LiveTopic.Attempts);
        return new RetryDeadLettersResult(count, false, retried);
    }

    /// <summary>
    /// The dead letters the command names (the list's own filter, so the list and the bulk retry always agree), to
    /// subscriptions still live: a letter to a deleted or disabled endpoint stays dead.
    /// </summary>
    private IQueryable<AttemptRecord> Letters(RetryDeadLettersCommand command)
    {
        var letters = DeadLetterFilter.Apply(db, command.ApplicationId, command.SubscriptionId, command.From, command.To, command.EventTypeNames)
            .Where(a => db.Subscriptions.Any(s => s.Id == a.SubscriptionId && s.IsEnabled && s.DeletedAt == null));
        return command.AttemptId is { } id ? letters.Where(a => a.RequestAttemptId == id) : letters;
    }
}
