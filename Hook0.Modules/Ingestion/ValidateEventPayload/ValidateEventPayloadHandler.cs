using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.Errors;
using Mediator;

namespace Hook0.Modules.Ingestion.ValidateEventPayload;

/// <summary>Ingestion's own checks, in its order, through the same cached schemas: what passes here is what ingest accepts.</summary>
internal sealed class ValidateEventPayloadHandler(EventTypeCatalog catalog) : IQueryHandler<ValidateEventPayloadQuery, PayloadValidation>
{
    public async ValueTask<PayloadValidation> Handle(ValidateEventPayloadQuery query, CancellationToken cancellationToken)
    {
        var type = await catalog.FindAsync(query.ApplicationId, query.EventType, cancellationToken);
        if (type is null)
        {
            return new PayloadValidation(false, [new PayloadError("/", $"The event type '{query.EventType}' does not exist for this application.")]);
        }

        byte[] payload;
        try
        {
            payload = PayloadDecoder.Decode(query.PayloadContentType, query.Payload);
        }
        catch (ProblemException e)
        {
            return new PayloadValidation(type.Schema is not null, [new PayloadError("/", e.Detail)]);
        }

        return type.Schema is not null && query.PayloadContentType == PayloadContentTypes.Json
            ? new PayloadValidation(true, PayloadSchemas.Failures(type.Schema, payload))
            : new PayloadValidation(type.Schema is not null, []);
    }
}
