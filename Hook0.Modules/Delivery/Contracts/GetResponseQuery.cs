using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>A response, reachable only through an attempt of the authorized application.</summary>
public sealed record GetResponseQuery(Caller Caller, Guid ApplicationId, Guid ResponseId) : IQuery<ResponseDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ResponseGet, ApplicationId: ApplicationId);
}
