using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Organizations.Contracts;
using Mediator;

namespace Hook0.Modules.Delivery.OperationalWebhooks;

/// <summary>A new organization's system application gets the operational event types, so subscriptions can name them at once.</summary>
internal sealed class OnOrganizationCreated(ISender sender) : INotificationHandler<OrganizationCreatedNotification>
{
    public async ValueTask Handle(OrganizationCreatedNotification notification, CancellationToken cancellationToken)
        => await sender.Send(new EnsureSystemEventTypesCommand(notification.SystemApplicationId, OperationalEventTypes.All), cancellationToken);
}
