using System.Net;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>Stores an event and, in the same transaction, one pending attempt per matching subscription.</summary>
public sealed record IngestEventCommand(Caller Caller, EventPost Event, IPAddress? Ip) : ICommand<IngestedEventDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventIngest, ApplicationId: Event.ApplicationId);
}
