using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Mediator;

namespace Hook0.Modules.Delivery.OperationalWebhooks;

internal sealed class GetOperationalWebhooksHandler(ISender sender) : IQueryHandler<GetOperationalWebhooksQuery, OperationalWebhooksDto>
{
    public async ValueTask<OperationalWebhooksDto> Handle(GetOperationalWebhooksQuery query, CancellationToken cancellationToken)
    {
        var application = await sender.Send(new GetSystemApplicationQuery(query.OrganizationId), cancellationToken)
            ?? throw Problems.NotFound.With("This organization does not exist.");
        return new OperationalWebhooksDto(query.OrganizationId, application, OperationalEventTypes.All,
            new Dictionary<string, string> { ["organization_id"] = query.OrganizationId.ToString() });
    }
}
