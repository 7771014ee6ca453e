using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

public sealed record GetRequestAttemptQuery(Caller Caller, Guid ApplicationId, Guid RequestAttemptId) : IQuery<RequestAttemptDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.RequestAttemptGet, ApplicationId: ApplicationId);
}
