using System.Text.Json;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>
/// Creates <c>service.resource_type.verb</c>, or re-activates and updates it if it exists (an upsert, as upstream).
/// Every field after the name is our addition, and an absent one keeps what is stored, so an upstream client
/// never wipes it: <paramref name="Schema"/> and <paramref name="Example"/> absent keep, JSON null removes, a
/// value sets; <paramref name="Description"/> null keeps, empty removes; <paramref name="Deprecated"/> null keeps.
/// </summary>
public sealed record CreateEventTypeCommand(Caller Caller, Guid ApplicationId, string Service, string ResourceType, string Verb, JsonElement Schema = default,
    string? Description = null, JsonElement Example = default, bool? Deprecated = null)
    : ICommand<EventTypeDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventTypeCreate, ApplicationId: ApplicationId);
}
