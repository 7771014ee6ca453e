using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Http;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Audit.ListAuditRecords;

/// <summary>
/// <c>GET /organizations/{id}/audit</c>: a JSON page (50 records, <c>Link: rel="next"</c> like the other keyset lists),
/// or the whole filtered log as NDJSON (<see cref="AuditNdjson"/>) with <c>Accept: application/x-ndjson</c> or
/// <c>format=ndjson</c> (a download link cannot set a header).
/// </summary>
internal static class ListAuditRecordsEndpoint
{
    public const string NdjsonMediaType = AuditNdjson.MediaType;

    public static void MapListAuditRecords(this IEndpointRouteBuilder api)
        => api.MapGet("/organizations/{organization_id:guid}/audit", async (
                [FromRoute(Name = "organization_id")] Guid organizationId,
                [FromQuery(Name = "actor")] string? actor,
                [FromQuery(Name = "entity_type")] string? entityType,
                [FromQuery(Name = "entity_id")] string? entityId,
                [FromQuery(Name = "action")] string? action,
                [FromQuery(Name = "channel")] string? channel,
                [FromQuery(Name = "min_recorded_at")] DateTimeOffset? minRecordedAt,
                [FromQuery(Name = "max_recorded_at")] DateTimeOffset? maxRecordedAt,
                [FromQuery(Name = "pagination_cursor")] string? paginationCursor,
                [FromQuery(Name = "format")] string? format,
                HttpContext http, Caller caller, ISender sender, CancellationToken ct) =>
            {
                var ndjson = format switch
                {
                    null or "" => http.Request.Headers.Accept.Any(a => a?.Contains(NdjsonMediaType, StringComparison.OrdinalIgnoreCase) == true),
                    "ndjson" => true,
                    "json" => false,
                    _ => throw Problems.InvalidParameter.With("The parameter 'format' must be 'json' or 'ndjson'."),
                };
                var filter = new AuditFilter(actor, entityType, entityId, action, channel, minRecordedAt?.UtcDateTime, maxRecordedAt?.UtcDateTime);
                if (!ndjson)
                {
                    var page = await sender.Send(new ListAuditRecordsQuery(caller, organizationId, filter, paginationCursor), ct);
                    if (page.NextCursor is { } next)
                    {
                        NextPageLink.Add(http, "pagination_cursor", next);
                    }

                    return Results.Ok(page.Items);
                }

                var first = await sender.Send(new ListAuditRecordsQuery(caller, organizationId, filter, paginationCursor, ListAuditRecordsQuery.ExportPageSize), ct);
                return AuditNdjson.Stream(first, async (next, _) => await sender.Send(
                        new ListAuditRecordsQuery(caller, organizationId, filter, next, ListAuditRecordsQuery.ExportPageSize), http.RequestAborted),
                    http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions, organizationId);
            })
            .WithTags("Organization Management")
            .WithName("organizations.audit")
            .Produces<IReadOnlyList<AuditRecordDto>>(StatusCodes.Status200OK, "application/json", NdjsonMediaType);
}
