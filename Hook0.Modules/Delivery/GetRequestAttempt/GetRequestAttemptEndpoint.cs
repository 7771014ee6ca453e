using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.GetRequestAttempt;

internal static class GetRequestAttemptEndpoint
{
    public static void MapGetRequestAttempt(this IEndpointRouteBuilder api)
        => api.MapGet("/request_attempts/{request_attempt_id:guid}", async ([FromRoute(Name = "request_attempt_id")] Guid attemptId,
                [FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new GetRequestAttemptQuery(caller, applicationId, attemptId), ct)))
            .WithTags("Request Attempts")
            .WithName("requestAttempts.get");
}
