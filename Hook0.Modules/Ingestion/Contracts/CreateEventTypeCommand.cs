using System.Text.Json;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>
/// Creates <c>service.resource_type.verb</c>, or re-activates it if it exists (an upsert, as upstream).
/// <paramref name="Schema"/> is our addition: absent keeps the stored schema (so an upstream client
/// never wipes it), JSON null removes it, an object sets it.
/// </summary>
public sealed record CreateEventTypeCommand(Caller Caller, Guid ApplicationId, string Service, string ResourceType, string Verb, JsonElement Schema = default)
    : ICommand<EventTypeDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventTypeCreate, ApplicationId: ApplicationId);
}
