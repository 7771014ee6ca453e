using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.EventCatalog;

/// <summary>
/// Reads the active event types through Ingestion's contract (the same query, so the same authorization, as
/// <c>GET /event_types</c>) and the application's name through Organizations', then writes the AsyncAPI document with
/// this instance's signature settings (<c>SIGNATURE_HEADER_NAME</c>, <c>ENABLED_SIGNATURE_VERSIONS</c>).
/// </summary>
internal sealed class GetEventCatalogHandler(ISender sender, IOptions<DeliveryOptions> options) : IQueryHandler<GetEventCatalogQuery, EventCatalogDocument>
{
    public async ValueTask<EventCatalogDocument> Handle(GetEventCatalogQuery query, CancellationToken cancellationToken)
    {
        var types = await sender.Send(new ListEventTypesQuery(query.Caller, query.ApplicationId), cancellationToken);
        if (query.EventTypeNames is { } wanted)
        {
            types = [.. types.Where(t => wanted.Contains(t.EventTypeName, StringComparer.Ordinal))];
        }

        // Already authorized on the application: its name needs no application:get on top of event_type:list.
        var names = await sender.Send(new GetApplicationNamesQuery(null, query.ApplicationId), cancellationToken);
        var name = names.Count > 0 ? names[0].Name : query.ApplicationId.ToString("D");
        var document = AsyncApiDocument.Build(query.ApplicationId, name, types, options.Value.SignatureHeaderName,
            AttemptSender.ParseVersions(options.Value.SignatureVersions));
        return query.Format == EventCatalogFormat.Yaml
            ? new(YamlText.From(document), EventCatalogMediaTypes.Yaml, "asyncapi.yaml")
            : new(document.ToJsonString(EventCatalogMediaTypes.Indented), EventCatalogMediaTypes.Json, "asyncapi.json");
    }
}
