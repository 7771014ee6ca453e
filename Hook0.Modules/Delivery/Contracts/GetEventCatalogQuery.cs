using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// The application's event catalog as an AsyncAPI 3.0 document (our addition, ADR 0027): each active event type as a
/// message with its schema, description, example and deprecation, and the delivery's headers and signatures. Reading it
/// is reading the event types, so it needs the same action (<c>event_type:list</c>). <c>EventTypeNames</c> (not on the
/// REST route: the customer portal's allowed types) keeps only those types; null keeps all.
/// </summary>
public sealed record GetEventCatalogQuery(Caller Caller, Guid ApplicationId, EventCatalogFormat Format, IReadOnlyList<string>? EventTypeNames = null)
    : IQuery<EventCatalogDocument>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventTypeList, ApplicationId: ApplicationId);
}

public enum EventCatalogFormat
{
    Json,
    Yaml,
}

/// <param name="Text">The document.</param>
/// <param name="ContentType">Its media type (<c>application/json</c> or <c>application/yaml</c>).</param>
/// <param name="FileName">A name to save it under: <c>asyncapi.json</c> or <c>asyncapi.yaml</c>.</param>
public sealed record EventCatalogDocument(string Text, string ContentType, string FileName);
