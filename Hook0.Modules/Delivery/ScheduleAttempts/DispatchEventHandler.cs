using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Kernel.Persistence;
using Mediator;

namespace Hook0.Modules.Delivery.ScheduleAttempts;

internal sealed class DispatchEventHandler(SharedTransaction transaction) : ICommandHandler<DispatchEventCommand, int>
{
    public async ValueTask<int> Handle(DispatchEventCommand command, CancellationToken cancellationToken)
    {
        if (!transaction.IsActive)
        {
            throw new InvalidOperationException("DispatchEventCommand must run inside the ingesting transaction.");
        }

        var created = await AttemptInsertSql.ExecuteAsync(transaction.Connection, transaction.Transaction, command.EventId,
            command.ApplicationId, command.EventTypeName, command.LabelsJson, command.OnlySubscriptionId, cancellationToken);
        if (created > 0)
        {
            // Wakes the delivery workers of every instance at commit; PostgreSQL folds identical
            // notifications of one transaction into one.
            await PgNotificationHub.NotifyAsync(transaction.Connection, transaction.Transaction, PgNotificationHub.AttemptsChannel, string.Empty, cancellationToken);
        }

        return created;
    }
}
