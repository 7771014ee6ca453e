using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>The application's active event types, sorted by name.</summary>
public sealed record ListEventTypesQuery(Caller Caller, Guid ApplicationId) : IQuery<IReadOnlyList<EventTypeDto>>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventTypeList, ApplicationId: ApplicationId);
}
