using Hook0.Modules.Kernel.Audit;
using System.Text.Json;
using FluentValidation;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Contracts;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Validation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.ReplayEvents;

internal sealed class ReplayEventsValidator : AbstractValidator<ReplayEventsCommand>
{
    public ReplayEventsValidator()
    {
        RuleFor(c => c.To).GreaterThan(c => c.From).WithErrorCode("range").WithMessage("must be after 'from'");
        RuleFor(c => c.Labels).Must(l => l is null || l.Count <= 10).WithErrorCode("labels-size").WithMessage("must contain at most 10 entries");
        // Stored labels are at most 50 characters: a longer filter could match nothing, only cost a scan.
        RuleFor(c => c.Labels).Must(l => l is null || l.All(kv => kv.Key.Length is >= 1 and <= 50 && kv.Value is { Length: >= 1 and <= 50 }))
            .WithErrorCode("labels-property-length").WithMessage("keys and values must be between 1 and 50 characters long");
    }
}

internal sealed class ReplayEventsHandler(IngestionDbContext db, SharedTransaction transaction, ISender sender, AuditTrail audit)
    : ICommandHandler<ReplayEventsCommand, ReplayEventsResult>
{
    public async ValueTask<ReplayEventsResult> Handle(ReplayEventsCommand command, CancellationToken cancellationToken)
    {
        var events = db.Events.AsNoTracking()
            .Where(e => e.ApplicationId == command.ApplicationId && e.ReceivedAt >= command.From && e.ReceivedAt < command.To);
        if (command.EventType is { Length: > 0 } type)
        {
            events = events.Where(e => e.EventTypeName == type);
        }

        if (command.Labels is { Count: > 0 } labels)
        {
            var contained = JsonSerializer.Serialize(labels);
            events = events.Where(e => EF.Functions.JsonContains(e.Labels, contained));
        }

        var count = await events.CountAsync(cancellationToken);
        if (command.DryRun)
        {
            return new ReplayEventsResult(count, true, 0);
        }

        if (count > ReplayEventsCommand.MaxEvents)
        {
            throw ValidationProblem.ForField("to", "replay-size", $"matches {count} events; narrow the filter to at most {ReplayEventsCommand.MaxEvents}");
        }

        var rows = await events.OrderBy(e => e.ReceivedAt).Select(e => new { e.Id, e.EventTypeName, e.Labels, e.ReceivedAt }).ToListAsync(cancellationToken);
        await transaction.BeginAsync(cancellationToken);
        foreach (var e in rows)
        {
            await sender.Send(new DispatchEventCommand(e.Id, command.ApplicationId, e.EventTypeName, JsonSerializer.Serialize(e.Labels), e.ReceivedAt, command.SubscriptionId), cancellationToken);
        }

        // One record for the range: what was asked and how many events went out again.
        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(null, "event", null, "replay")
        {
            ApplicationId = command.ApplicationId,
            Details = new Dictionary<string, object?>
            {
                ["from"] = command.From,
                ["to"] = command.To,
                ["event_type"] = command.EventType,
                ["labels"] = command.Labels,
                ["subscription_id"] = command.SubscriptionId,
                ["replayed"] = rows.Count,
            },
        }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReplayEventsResult(count, false, rows.Count);
    }
}
