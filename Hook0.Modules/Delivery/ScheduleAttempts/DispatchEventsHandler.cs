using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Persistence;
using Mediator;

namespace Hook0.Modules.Delivery.ScheduleAttempts;

internal sealed class DispatchEventsHandler(SharedTransaction transaction, ILiveUpdates live) : ICommandHandler<DispatchEventsCommand, int>
{
    public async ValueTask<int> Handle(DispatchEventsCommand command, CancellationToken cancellationToken)
    {
        if (!transaction.IsActive)
        {
            throw new InvalidOperationException("DispatchEventsCommand must run inside the ingesting transaction.");
        }

        transaction.AfterCommit(() =>
        {
            foreach (var applicationId in command.Events.Select(e => e.ApplicationId).Distinct())
            {
                live.Publish(applicationId, LiveTopic.Attempts);
            }
        });
        return command.Events.Count == 0
            ? 0
            : await AttemptInsertSql.ExecuteManyAsync(transaction.Connection, transaction.Transaction, command.Events, cancellationToken);
    }
}
