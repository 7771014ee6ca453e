using System.Text.Json;
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
/// or the whole filtered log as NDJSON (one record a line) with <c>Accept: application/x-ndjson</c> or
/// <c>format=ndjson</c> (a download link cannot set a header), streamed page by page so no transaction stays open and
/// memory holds one page.
/// </summary>
internal static class ListAuditRecordsEndpoint
{
    public const string NdjsonMediaType = "application/x-ndjson";

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

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
                foreach (var (name, value) in new[] { ("actor", actor), ("entity_type", entityType), ("entity_id", entityId), ("action", action), ("channel", channel) })
                {
                    if (value is { Length: > AuditFilter.MaxLength })
                    {
                        throw Problems.InvalidParameter.With($"The parameter '{name}' is longer than {AuditFilter.MaxLength} characters.");
                    }
                }

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

                // The first page is read before anything is written: a refusal or a bad cursor is still a problem answer.
                var first = await sender.Send(new ListAuditRecordsQuery(caller, organizationId, filter, paginationCursor, ListAuditRecordsQuery.ExportPageSize), ct);
                return Results.Stream(async body =>
                {
                    var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
                    var page = first;
                    while (true)
                    {
                        foreach (var item in page.Items)
                        {
                            await JsonSerializer.SerializeAsync(body, item, options, ct);
                            await body.WriteAsync(NewLine, ct);
                        }

                        await body.FlushAsync(ct);
                        if (page.NextCursor is not { } next)
                        {
                            break;
                        }

                        page = await sender.Send(new ListAuditRecordsQuery(caller, organizationId, filter, next, ListAuditRecordsQuery.ExportPageSize), ct);
                    }
                }, NdjsonMediaType, fileDownloadName: $"audit-{organizationId}.ndjson");
            })
            .WithTags("Organization Management")
            .WithName("organizations.audit")
            .Produces<IReadOnlyList<AuditRecordDto>>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status200OK, contentType: NdjsonMediaType);
}
