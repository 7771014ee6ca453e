using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.GetEventType;

public sealed record GetEventTypeQuery(Caller Caller, Guid ApplicationId, string Name) : IQuery<EventTypeDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventTypeGet, ApplicationId: ApplicationId);
}
