using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

public sealed record GetEventQuery(Caller Caller, Guid ApplicationId, Guid EventId) : IQuery<EventWithPayloadDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventGet, ApplicationId: ApplicationId);
}
