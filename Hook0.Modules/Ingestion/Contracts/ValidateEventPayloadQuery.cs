using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>
/// Checks a payload the way ingestion would (content type, decoding, the event type's JSON Schema)
/// without storing anything: the dashboard's composer asks it as the user types.
/// </summary>
public sealed record ValidateEventPayloadQuery(Caller Caller, Guid ApplicationId, string EventType, string PayloadContentType, string Payload)
    : IQuery<PayloadValidation>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventTypeGet, ApplicationId: ApplicationId);
}

/// <param name="HasSchema">Whether the event type constrains JSON payloads with a schema.</param>
/// <param name="Errors">Empty when ingestion would accept the payload.</param>
public sealed record PayloadValidation(bool HasSchema, IReadOnlyList<PayloadError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <param name="Path">A JSON Pointer into the payload ("/" for the whole payload).</param>
/// <param name="Message">What is wrong there.</param>
public sealed record PayloadError(string Path, string Message);
