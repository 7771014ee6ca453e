using System.Net;
using FluentValidation;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Validation;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Ingestion.IngestBatch;

/// <summary>
/// Up to 100 events in one request (no peer has it). Shape, authorization, validation and
/// idempotency apply to each item; the accepted ones are stored in one transaction.
/// </summary>
public sealed record IngestBatchCommand(Caller Caller, EventBatch Batch, IPAddress? Ip)
{
    public const int MaxItems = 100;
}

/// <summary>One entry of the 207 answer: the status and body a single <c>POST /event</c> would have answered.</summary>
public sealed record BatchItemResult(int Status, object Body);

/// <summary>
/// Called by its endpoint directly (no mediator hop). Each item was read once from the body, with
/// <see cref="IngestJson"/>'s metadata (<see cref="EventBatch"/>); authorization is decided once per application of the batch, not once per item; the daily
/// quota is the group commit's (once per group and application).
/// </summary>
internal sealed class IngestBatchHandler(AccessPolicy access, IValidator<EventPost> validator, EventPreparer preparer, EventStore store)
{
    public async Task<IReadOnlyList<BatchItemResult>> HandleAsync(IngestBatchCommand command, CancellationToken cancellationToken)
    {
        var items = command.Batch.Items;
        if (command.Batch.Count is 0 or > IngestBatchCommand.MaxItems)
        {
            throw ValidationProblem.ForField("events", "length", $"must contain between 1 and {IngestBatchCommand.MaxItems} events");
        }

        var results = new BatchItemResult?[items.Count];
        var accepted = new List<(int Index, PreparedEvent Event)>();
        var verdicts = new Dictionary<Guid, ProblemException?>();
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                accepted.Add((i, await PrepareAsync(command, items[i], verdicts, cancellationToken)));
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
                results[accepted[j].Index] = stored[j] switch
                {
                    { Stored: { } ok } => new BatchItemResult(201, ok),
                    { Refusal: { } refusal } => Refusal(refusal),
                    _ => Refusal(Problems.EventAlreadyIngested.ToException()),
                };
            }
        }

        return results!;
    }

    private async Task<PreparedEvent> PrepareAsync(IngestBatchCommand command, BatchItem item, Dictionary<Guid, ProblemException?> verdicts,
        CancellationToken cancellationToken)
    {
        if (item.ShapeError is { } shape)
        {
            throw Problems.JsonPayload.With($"This event is not of the expected shape: {shape}");
        }

        var post = item.Event ?? throw Problems.JsonPayload.ToException();

        // One decision per application of the batch: the same caller, action and application always get the same verdict.
        if (!verdicts.TryGetValue(post.ApplicationId, out var refusal))
        {
            try
            {
                await access.AuthorizeAsync(new Access(command.Caller, Actions.EventIngest, ApplicationId: post.ApplicationId), cancellationToken);
            }
            catch (ProblemException problem)
            {
                refusal = problem;
            }

            verdicts[post.ApplicationId] = refusal;
        }

        if (refusal is not null)
        {
            throw refusal;
        }

        var validation = validator.Validate(post);
        if (!validation.IsValid)
        {
            throw ValidationProblem.From(validation.Errors);
        }

        return await preparer.PrepareAsync(post, command.Ip, cancellationToken);
    }

    private static BatchItemResult Refusal(ProblemException problem)
        => new(problem.Problem.Status, ProblemWriter.ToDocument(problem.Problem, problem.Detail, problem.Validation));
}
