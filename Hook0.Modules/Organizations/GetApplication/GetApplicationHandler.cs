using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Common;
using Mediator;

namespace Hook0.Modules.Organizations.GetApplication;

internal sealed class GetApplicationHandler(ApplicationInfoReader reader) : IQueryHandler<GetApplicationQuery, ApplicationInfo>
{
    public async ValueTask<ApplicationInfo> Handle(GetApplicationQuery query, CancellationToken cancellationToken)
        => await reader.ReadAsync(query.ApplicationId, cancellationToken) ?? throw Problems.NotFound.ToException();
}
