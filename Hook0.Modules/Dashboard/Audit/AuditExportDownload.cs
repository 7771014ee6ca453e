using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Dashboard.Sessions;
using Hook0.Modules.Kernel.Audit.ListAuditRecords;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Dashboard.Audit;

/// <summary>
/// The audit page's "Export NDJSON" link: the API's export (<c>GET /api/v1/organizations/{id}/audit?format=ndjson</c>)
/// through the same query and writer, for the signed-in user, with the page's filters. A plain link cannot carry a bearer
/// token and the API never accepts the session cookie, so the dashboard answers it itself (as the AsyncAPI download does).
/// </summary>
internal static class AuditExportDownload
{
    public static string Path(Guid organizationId, AuditFilter filter)
    {
        var query = new QueryString()
            .With("actor", filter.Actor).With("entity_type", filter.EntityType).With("entity_id", filter.EntityId).With("action", filter.Action)
            .With("channel", filter.Channel).With("min_recorded_at", filter.MinRecordedAt?.ToString("O")).With("max_recorded_at", filter.MaxRecordedAt?.ToString("O"));
        return $"/organizations/{organizationId}/audit/export{query}";
    }

    private static QueryString With(this QueryString query, string name, string? value) => string.IsNullOrEmpty(value) ? query : query.Add(name, value);

    public static void MapAuditExportDownload(this IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/organizations/{organization_id:guid}/audit/export", async ([FromRoute(Name = "organization_id")] Guid organizationId,
                [FromQuery(Name = "actor")] string? actor, [FromQuery(Name = "entity_type")] string? entityType, [FromQuery(Name = "entity_id")] string? entityId,
                [FromQuery(Name = "action")] string? action, [FromQuery(Name = "channel")] string? channel,
                [FromQuery(Name = "min_recorded_at")] DateTimeOffset? min, [FromQuery(Name = "max_recorded_at")] DateTimeOffset? max,
                HttpContext context, Api api, SessionStore store, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
                {
                    var session = context.User.FindFirst(SessionCookie.ClaimType)?.Value is { } secret
                        ? await store.FindAsync(secret, cancellationToken: context.RequestAborted)
                        : null;
                    var caller = (session is null ? null : await api.Send(new AuthenticateQuery(session.AccessToken), context.RequestAborted))
                        ?? throw Problems.AuthNoAuthorizationHeader.ToException();
                    var filter = new AuditFilter(actor, entityType, entityId, action, channel, min?.UtcDateTime, max?.UtcDateTime);
                    var first = await api.Send(new ListAuditRecordsQuery(caller, organizationId, filter, null, ListAuditRecordsQuery.ExportPageSize), context.RequestAborted);
                    return AuditNdjson.Stream(first, async (next, _) => await api.Send(
                        new ListAuditRecordsQuery(caller, organizationId, filter, next, ListAuditRecordsQuery.ExportPageSize), context.RequestAborted),
                        json.Value.SerializerOptions, organizationId);
                })
            // The session middleware, not the bearer fallback policy, establishes this user.
            .AllowAnonymous()
            .ExcludeFromDescription();
}
