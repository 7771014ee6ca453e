using System.Net;
using System.Text.Json;
using FluentValidation;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Http;
using Hook0.Modules.Kernel.Validation;
using Mediator;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Ingestion.IngestBatch;

/// <summary>
/// Up to 100 events in one request (no peer has it). Shape, authorization, validation and
/// idempotency apply to each item; the accepted ones are stored in one transaction.
/// </summary>
public sealed record IngestBatchCommand(Caller Caller, IReadOnlyList<JsonElement> Items, IPAddress? Ip) : ICommand<IReadOnlyList<BatchItemResult>>
{
    public const int MaxItems = 100;
}

/// <summary>One entry of the 207 answer: the status and body a single <c>POST /event</c> would have answered.</summary>
public sealed record BatchItemResult(int Status, object Body);

internal sealed class IngestBatchHandler(AccessPolicy access, IValidator<EventPost> validator, EventPreparer preparer, EventStore store)
    : ICommandHandler<IngestBatchCommand, IReadOnlyList<BatchItemResult>>
{
    public async ValueTask<IReadOnlyList<BatchItemResult>> Handle(IngestBatchCommand command, CancellationToken cancellationToken)
    {
        if (command.Items.Count is 0 or > IngestBatchCommand.MaxItems)
        {
            throw ValidationProblem.ForField("events", "length", $"must contain between 1 and {IngestBatchCommand.MaxItems} events");
        }

        var results = new BatchItemResult?[command.Items.Count];
        var accepted = new List<(int Index, PreparedEvent Event)>();
        for (var i = 0; i < command.Items.Count; i++)
        {
            try
            {
                accepted.Add((i, await PrepareAsync(command, command.Items[i], cancellationToken)));
            }
            catch (ProblemException problem)
            {
                results[i] = Refusal(problem);
            }
        }

        if (accepted.Count > 0)
        {
            var stored = await store.StoreAsync([.. accepted.Select(a => a.Event)], cancellationToken);
            for (var j = 0; j < accepted.Count; j++)
            {
                results[accepted[j].Index] = stored[j] is { } ok
                    ? new BatchItemResult(201, ok)
                    : Refusal(Problems.EventAlreadyIngested.ToException());
            }
        }

        return results!;
    }

    private async Task<PreparedEvent> PrepareAsync(IngestBatchCommand command, JsonElement item, CancellationToken cancellationToken)
    {
        EventPost post;
        try
        {
            post = item.Deserialize<EventPost>(Hook0Json.Options) ?? throw Problems.JsonPayload.ToException();
        }
        catch (JsonException e)
        {
            throw Problems.JsonPayload.With($"This event is not of the expected shape: {e.Message}");
        }

        await access.AuthorizeAsync(new Access(command.Caller, "event:ingest", ApplicationId: post.ApplicationId), cancellationToken);
        var validation = await validator.ValidateAsync(post, cancellationToken);
        if (!validation.IsValid)
        {
            throw ValidationProblem.From(validation.Errors);
        }

        return await preparer.PrepareAsync(post, command.Ip, cancellationToken);
    }

    private static BatchItemResult Refusal(ProblemException problem)
        => new(problem.Problem.Status, ProblemWriter.ToDocument(problem.Problem, problem.Detail, problem.Validation));
}
