using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Kernel.Contracts;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Persistence;
using Mediator;

namespace Hook0.Modules.Delivery.ScheduleAttempts;

internal sealed class DispatchEventHandler(SharedTransaction transaction, ILiveUpdates live) : ICommandHandler<DispatchEventCommand, int>
{
    public async ValueTask<int> Handle(DispatchEventCommand command, CancellationToken cancellationToken)
    {
        if (!transaction.IsActive)
        {
            throw new InvalidOperationException("DispatchEventCommand must run inside the ingesting transaction.");
        }

        transaction.AfterCommit(() => live.Publish(command.ApplicationId, LiveTopic.Attempts));

        // Creating attempts also wakes the delivery workers of every instance, at commit.
        return await AttemptLifecycle.ScheduleAsync(transaction.Connection, transaction.Transaction,
            [new DispatchedEvent(command.EventId, command.ApplicationId, command.EventTypeName, command.LabelsJson, command.ReceivedAt)],
            string.Empty, command.OnlySubscriptionId, cancellationToken);
    }
}
