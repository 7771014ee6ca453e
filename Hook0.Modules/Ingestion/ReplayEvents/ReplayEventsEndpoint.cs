using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.ReplayEvents;

internal static class ReplayEventsEndpoint
{
    public static void MapReplayEvents(this IEndpointRouteBuilder api)
        => api.MapPost("/events/replay", async (ReplayEventsPost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ReplayEventsCommand(caller, body.ApplicationId, body.From.UtcDateTime, body.To.UtcDateTime,
                    body.EventType, body.Labels, body.SubscriptionId, body.DryRun ?? true), ct)))
            .WithTags("Events");
}

/// <summary>Body of <c>POST /events/replay</c>; <c>dry_run</c> defaults to true.</summary>
public sealed record ReplayEventsPost(
    Guid ApplicationId,
    DateTimeOffset From,
    DateTimeOffset To,
    string? EventType = null,
    Dictionary<string, string>? Labels = null,
    Guid? SubscriptionId = null,
    bool? DryRun = null);
