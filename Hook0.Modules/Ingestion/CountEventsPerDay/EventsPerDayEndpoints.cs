using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.CountEventsPerDay;

internal static class EventsPerDayEndpoints
{
    public static void MapEventsPerDay(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events_per_day/application", async ([FromQuery(Name = "application_id")] Guid applicationId,
                DateOnly? from, DateOnly? to, Caller caller, ISender sender, TimeProvider time, CancellationToken ct) =>
            {
                var (f, t) = Range(from, to, time);
                return TypedResults.Ok(await sender.Send(new EventsPerDayQuery(caller, null, applicationId, f, t), ct));
            })
            .WithTags("Events")
            .WithName("events_per_day.list_for_application");
        api.MapGet("/events_per_day/organization", async ([FromQuery(Name = "organization_id")] Guid organizationId,
                DateOnly? from, DateOnly? to, Caller caller, ISender sender, TimeProvider time, CancellationToken ct) =>
            {
                var (f, t) = Range(from, to, time);
                return TypedResults.Ok(await sender.Send(new EventsPerDayQuery(caller, organizationId, null, f, t), ct));
            })
            .WithTags("Events")
            .WithName("events_per_day.list_for_organization");
    }

    /// <summary>Upstream's defaults (the last 30 days up to today), checked before authorization.</summary>
    private static (DateOnly From, DateOnly To) Range(DateOnly? from, DateOnly? to, TimeProvider time)
    {
        var end = to ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = from ?? end.AddDays(-30);
        return start > end ? throw Problems.InvalidDateRange.ToException() : (start, end);
    }
}
