using Hook0.Modules.Kernel.Audit;
using System.Text;
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
        RuleFor(c => c.Description).Chars(0, EventTypeFields.MaxDescriptionLength);
        RuleFor(c => c.Example).Must(BeSmallAndShallow)
            .WithErrorCode("length")
            .WithMessage($"must be at most {EventTypeFields.MaxExampleBytes} bytes of JSON (without whitespace), nested at most {PayloadDecoder.MaxDepth} deep")
            .OverridePropertyName("example");
    }

    /// <summary>Ingest's own bounds on a payload's nesting, and a size bound: an example is read on every listing.</summary>
    private static bool BeSmallAndShallow(JsonElement example)
    {
        if (example.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return true;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(example);
        if (bytes.Length > EventTypeFields.MaxExampleBytes)
        {
            return false;
        }

        try
        {
            using var _ = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = PayloadDecoder.MaxDepth });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

internal sealed class CreateEventTypeHandler(IngestionDbContext db, EventTypeCatalog catalog, ISender sender, AuditTrail audit, TimeProvider time, IOptions<IngestOptions> options) : ICommandHandler<CreateEventTypeCommand, EventTypeDto>
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

            ApplyDocumentation(existing, command);
            EnsureExampleConforms(existing, options.Value.PayloadSchemaTimeLimit);

            try
            {
                var action = db.Entry(existing).State == EntityState.Added ? "create" : "update";
                await audit.SaveChangesAsync(db, new AuditChange(null, "event_type", name, action) { ApplicationId = command.ApplicationId }, cancellationToken);
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

    /// <summary>Absent fields keep their stored values: an upstream client's upsert never wipes them.</summary>
    private static void ApplyDocumentation(EventType type, CreateEventTypeCommand command)
    {
        if (command.Description is { } description)
        {
            type.Description = description.Length == 0 ? null : description;
        }

        if (command.Example.ValueKind != JsonValueKind.Undefined)
        {
            type.ExamplePayload = command.Example.ValueKind == JsonValueKind.Null ? null : command.Example.GetRawText();
        }

        if (command.Deprecated is { } deprecated)
        {
            type.Deprecated = deprecated;
        }
    }

    /// <summary>
    /// The example is what the dashboard offers as a test payload, so it must pass ingest's own check. The stored
    /// example is checked too when only the schema changes: a schema that outlaws it is refused until the example follows.
    /// </summary>
    private static void EnsureExampleConforms(EventType type, TimeSpan timeLimit)
    {
        if (type.ExamplePayload is null || type.PayloadSchema is null)
        {
            return;
        }

        var failures = PayloadSchemas.Failures(PayloadSchemas.Compile(type.PayloadSchema, timeLimit), Encoding.UTF8.GetBytes(type.ExamplePayload));
        if (failures.Count > 0)
        {
            throw ValidationProblem.ForField("example", "payload-schema",
                "does not satisfy the event type's schema: " + string.Join("; ", failures.Select(f => $"{f.Path}: {f.Message}")));
        }
    }
}
