using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Common;
using Mediator;

namespace Hook0.Modules.Organizations.GetOrganization;

internal sealed class GetOrganizationHandler(OrganizationInfoReader reader) : IQueryHandler<GetOrganizationQuery, OrganizationInfo>
{
    public async ValueTask<OrganizationInfo> Handle(GetOrganizationQuery query, CancellationToken cancellationToken)
        => await reader.ReadAsync(query.OrganizationId, cancellationToken) ?? throw Problems.NotFound.ToException();
}
