using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Kernel.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.DeadLetters;

internal sealed class RetryDeadLettersHandler(DeliveryDbContext db, TimeProvider time, ILiveUpdates live) : ICommandHandler<RetryDeadLettersCommand, RetryDeadLettersResult>
{
    public async ValueTask<RetryDeadLettersResult> Handle(RetryDeadLettersCommand command, CancellationToken cancellationToken)
    {
        var letters = DeadLetterFilter.Apply(db.RequestAttempts, command.ApplicationId, command.SubscriptionId, command.From, command.To, command.EventTypeNames);
        if (command.AttemptId is { } id)
        {
            letters = letters.Where(a => a.Id == id);
        }

        // Only to subscriptions still live: a letter to a deleted or disabled endpoint stays dead.
        letters = letters.Where(a => db.Subscriptions.Any(s => s.Id == a.SubscriptionId && s.IsEnabled && s.DeletedAt == null));
        var count = await letters.CountAsync(cancellationToken);
        if (command.AttemptId is not null && count == 0)
        {
            throw Problems.NotFound.With("No dead letter with this id can be retried (unknown, not dead, already retried, or its subscription is gone).");
        }

        if (command.DryRun)
        {
            return new RetryDeadLettersResult(count, true, 0);
        }

        var now = time.UtcNowForDatabase();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dead = await letters.ToListAsync(cancellationToken);
        foreach (var letter in dead)
        {
            letter.RetriedAt = now;
            db.RequestAttempts.Add(new RequestAttempt
            {
                Id = Guid.CreateVersion7(),
                EventId = letter.EventId,
                SubscriptionId = letter.SubscriptionId,
                ApplicationId = letter.ApplicationId,
                EventTypeName = letter.EventTypeName,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({PgNotificationHub.AttemptsChannel}, '')", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        live.Publish(command.ApplicationId, LiveTopic.Attempts);
        return new RetryDeadLettersResult(count, false, dead.Count);
    }
}
