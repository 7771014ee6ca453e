using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Common;
using Mediator;

namespace Hook0.Modules.Organizations.GetApplication;

public sealed record GetApplicationQuery(Caller Caller, Guid ApplicationId) : IQuery<ApplicationInfo>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationGet, ApplicationId: ApplicationId);
}

internal sealed class GetApplicationHandler(ApplicationInfoReader reader) : IQueryHandler<GetApplicationQuery, ApplicationInfo>
{
    public async ValueTask<ApplicationInfo> Handle(GetApplicationQuery query, CancellationToken cancellationToken)
        => await reader.ReadAsync(query.ApplicationId, cancellationToken) ?? throw Problems.NotFound.ToException();
}
