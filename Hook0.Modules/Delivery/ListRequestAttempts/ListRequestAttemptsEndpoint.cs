using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Http;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.ListRequestAttempts;

internal static class ListRequestAttemptsEndpoint
{
    public static void MapListRequestAttempts(this IEndpointRouteBuilder api)
        => api.MapGet("/request_attempts", async (
                [FromQuery(Name = "application_id")] Guid applicationId,
                [FromQuery(Name = "event_id")] Guid? eventId,
                [FromQuery(Name = "subscription_id")] Guid? subscriptionId,
                [FromQuery(Name = "min_created_at")] DateTimeOffset? minCreatedAt,
                [FromQuery(Name = "max_created_at")] DateTimeOffset? maxCreatedAt,
                [FromQuery(Name = "event.event_type_names")] string? eventTypeNames,
                [FromQuery(Name = "pagination_cursor")] string? paginationCursor,
                // Our addition (ADR 0019): comma-separated computed statuses (pending, waiting, inprogress, successful, failed).
                [FromQuery(Name = "status")] string? status,
                HttpContext http, Caller caller, ISender sender, CancellationToken ct) =>
            {
                var names = (eventTypeNames ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (status is { Length: > 100 })
                {
                    throw Problems.InvalidParameter.With("status lists at most the five attempt statuses.");
                }

                var statuses = (status ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var page = await sender.Send(new ListRequestAttemptsQuery(caller, applicationId, eventId, subscriptionId,
                    minCreatedAt?.UtcDateTime, maxCreatedAt?.UtcDateTime, names, paginationCursor, statuses), ct);
                if (page.NextCursor is { } next)
                {
                    NextPageLink.Add(http, "pagination_cursor", next);
                }

                return TypedResults.Ok(page.Items);
            })
            .WithTags("Request Attempts")
            .WithName("requestAttempts.read");
}
