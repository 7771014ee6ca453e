using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;

namespace Hook0.Modules.Delivery.Housekeeping;

/// <summary>A deleted application's queued deliveries are cancelled (<c>application_deleted</c>), in the deleting transaction.</summary>
internal sealed class OnApplicationDeleted(SharedTransaction transaction) : INotificationHandler<ApplicationDeletedNotification>
{
    public async ValueTask Handle(ApplicationDeletedNotification notification, CancellationToken cancellationToken)
        => await AttemptLifecycle.CancelForApplicationAsync(transaction.Connection, transaction.Transaction, notification.ApplicationId, cancellationToken);
}
