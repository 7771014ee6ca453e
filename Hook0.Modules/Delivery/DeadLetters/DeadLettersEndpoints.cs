using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Http;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.DeadLetters;

internal static class DeadLettersEndpoints
{
    public static void MapDeadLetters(this IEndpointRouteBuilder api)
    {
        api.MapGet("/dead_letters", async ([FromQuery(Name = "application_id")] Guid applicationId,
                [FromQuery(Name = "subscription_id")] Guid? subscriptionId, [FromQuery(Name = "pagination_cursor")] string? cursor,
                HttpContext http, Caller caller, ISender sender, CancellationToken ct) =>
            {
                var page = await sender.Send(new ListDeadLettersQuery(caller, applicationId, subscriptionId, cursor), ct);
                if (page.NextCursor is { } next)
                {
                    NextPageLink.Add(http, "pagination_cursor", next);
                }

                return TypedResults.Ok(page.Items);
            })
            .WithTags("Dead Letters");
        api.MapPost("/dead_letters/{request_attempt_id:guid}/retry", async ([FromRoute(Name = "request_attempt_id")] Guid attemptId,
                RetryOnePost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new RetryDeadLettersCommand(caller, body.ApplicationId, attemptId, null, null, null, false), ct)))
            .WithTags("Dead Letters");
        api.MapPost("/dead_letters/retry", async (RetryManyPost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new RetryDeadLettersCommand(caller, body.ApplicationId, null, body.SubscriptionId,
                    body.From?.UtcDateTime, body.To?.UtcDateTime, body.DryRun ?? true), ct)))
            .WithTags("Dead Letters");
    }
}

public sealed record RetryOnePost(Guid ApplicationId);

/// <summary>Body of the bulk retry; <c>dry_run</c> defaults to true.</summary>
public sealed record RetryManyPost(Guid ApplicationId, Guid? SubscriptionId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, bool? DryRun = null);
