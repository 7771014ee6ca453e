using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.PortalSessions;

internal static class PortalSettingsEndpoints
{
    public static void MapPortalSettings(this IEndpointRouteBuilder api)
    {
        // Reading goes through application:get, like the application itself.
        api.MapGet("/applications/{application_id:guid}/portal_settings", async ([FromRoute(Name = "application_id")] Guid applicationId,
                Caller caller, ISender sender, AccessPolicy policy, CancellationToken ct) =>
            {
                await policy.AuthorizeAsync(new Access(caller, Actions.ApplicationGet, ApplicationId: applicationId), ct);
                return TypedResults.Json(await sender.Send(new GetPortalSettingsQuery(applicationId), ct) ?? throw Problems.NotFound.ToException());
            })
            .WithTags("Customer Portal")
            .WithName("portalSettings.get").Produces<PortalSettingsDto>();

        api.MapPut("/applications/{application_id:guid}/portal_settings", async ([FromRoute(Name = "application_id")] Guid applicationId,
                PortalSettingsPut body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Json(await sender.Send(new EditPortalSettingsCommand(caller, applicationId, body.AllowedOrigins ?? [],
                    body.DisplayName, body.LogoUrl, body.AccentColor, body.Theme ?? "light"), ct)))
            .WithTags("Customer Portal")
            .WithName("portalSettings.edit").Produces<PortalSettingsDto>();
    }
}

/// <summary>Body of <c>PUT /applications/{id}/portal_settings</c> (our addition, ADR 0028): the whole settings, replaced.</summary>
public sealed record PortalSettingsPut(
    IReadOnlyList<string>? AllowedOrigins = null, string? DisplayName = null, string? LogoUrl = null, string? AccentColor = null, string? Theme = null);
