using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Kernel.Contracts;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Persistence;
using Mediator;

namespace Hook0.Modules.Delivery.ScheduleAttempts;

internal sealed class DispatchEventsHandler(SharedTransaction transaction, ILiveUpdates live, LocalAttemptSignal local) : ICommandHandler<DispatchEventsCommand, int>
{
    public async ValueTask<int> Handle(DispatchEventsCommand command, CancellationToken cancellationToken)
    {
        if (!transaction.IsActive)
        {
            throw new InvalidOperationException("DispatchEventsCommand must run inside the ingesting transaction.");
        }

        var created = command.Events.Count == 0
            ? 0
            : await AttemptLifecycle.ScheduleAsync(transaction.Connection, transaction.Transaction, command.Events, LocalAttemptSignal.Instance, null, cancellationToken);
        transaction.AfterCommit(() =>
        {
            if (created > 0)
            {
                // This instance's worker starts claiming now instead of after the NOTIFY's round through PostgreSQL.
                local.Raise();
            }

            foreach (var applicationId in command.Events.Select(e => e.ApplicationId).Distinct())
            {
                live.Publish(applicationId, LiveTopic.Attempts);
            }
        });
        return created;
    }
}
