using System.Text.Json;
using FluentValidation;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.Domain;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Quotas;
using Hook0.Modules.Kernel.Validation;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Ingestion.CreateEventType;

internal sealed class CreateEventTypeValidator : AbstractValidator<CreateEventTypeCommand>
{
    public CreateEventTypeValidator()
    {
        RuleFor(c => c.Service).Chars(1, 50).NoControlCharacters();
        RuleFor(c => c.ResourceType).Chars(1, 50).NoControlCharacters();
        RuleFor(c => c.Verb).Chars(1, 50).NoControlCharacters();
        RuleFor(c => c.Schema.ValueKind)
            .Must(k => k is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False)
            .WithErrorCode("schema").WithMessage("must be a JSON Schema (an object or a boolean) or null").OverridePropertyName("schema");
    }
}

internal sealed class CreateEventTypeHandler(IngestionDbContext db, EventTypeCatalog catalog, ISender sender, TimeProvider time, IOptions<IngestOptions> options) : ICommandHandler<CreateEventTypeCommand, EventTypeDto>
{
    public async ValueTask<EventTypeDto> Handle(CreateEventTypeCommand command, CancellationToken cancellationToken)
    {
        var name = $"{command.Service}.{command.ResourceType}.{command.Verb}";
        var schema = command.Schema.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False ? command.Schema.GetRawText() : null;
        if (schema is not null)
        {
            PayloadSchemas.EnsureValid(schema, options.Value.PayloadSchemaTimeLimit);
        }

        var limits = await sender.Send(new GetApplicationQuotasQuery(command.ApplicationId), cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var existing = await db.EventTypes.FirstOrDefaultAsync(t => t.ApplicationId == command.ApplicationId && t.Name == name, cancellationToken);
            if (limits is { Enforced: true } && existing is not { DeactivatedAt: null })
            {
                // Only a type that becomes active counts; re-creating an active one is an update.
                await QuotaGate.LockAsync(db, "event_types", command.ApplicationId, cancellationToken);
                var active = await db.EventTypes.CountAsync(t => t.ApplicationId == command.ApplicationId && t.DeactivatedAt == null, cancellationToken);
                QuotaGate.EnsureRoom(active, limits.EventTypesPerApplication, Problems.TooManyEventTypesPerApplication);
            }

            if (existing is null)
            {
                existing = new EventType
                {
                    ApplicationId = command.ApplicationId,
                    Name = name,
                    Service = command.Service,
                    ResourceType = command.ResourceType,
                    Verb = command.Verb,
                    CreatedAt = time.UtcNowForDatabase(),
                };
                db.EventTypes.Add(existing);
            }

            existing.DeactivatedAt = null;
            if (command.Schema.ValueKind != JsonValueKind.Undefined)
            {
                existing.PayloadSchema = schema;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await EventTypeChanges.AnnounceAsync(db, catalog, command.ApplicationId, name, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return existing.ToDto();
            }
            catch (DbUpdateException e) when (attempt == 0 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent create inserted it first: read it back and update it instead.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
